import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { displayTimeZone } from '../format';
import { api, unwrap } from './client';

export type CarrierKpi = paths['/v1/kpis/carriers']['get']['responses'][200]['content']['application/json']['carriers'][number];
type CarriersQuery = NonNullable<paths['/v1/kpis/carriers']['get']['parameters']['query']>;
type WeeklyQuery = NonNullable<paths['/v1/kpis/weekly']['get']['parameters']['query']>;

/** "Today" on the overview starts at midnight in the tenant's time zone (the browser's when it has none). */
export function useOverview() {
  const tz = displayTimeZone();
  return useQuery({ queryKey: ['overview', tz], queryFn: () => unwrap(api.GET('/v1/overview', { params: { query: { tz } } })), refetchInterval: 60_000 });
}

export function useWeeklyKpis(q: WeeklyQuery) {
  return useQuery({ queryKey: ['kpis', 'weekly', q], queryFn: () => unwrap(api.GET('/v1/kpis/weekly', { params: { query: q } })), placeholderData: keepPreviousData });
}

export function useCarrierKpis(q: CarriersQuery) {
  return useQuery({ queryKey: ['kpis', 'carriers', q], queryFn: () => unwrap(api.GET('/v1/kpis/carriers', { params: { query: q } })), placeholderData: keepPreviousData });
}
