import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

type ListQuery = NonNullable<paths['/v1/truck-plans']['get']['parameters']['query']>;
export type TruckPlan = paths['/v1/truck-plans/{id}']['get']['responses'][200]['content']['application/json'];
export type TruckPlanSummary = paths['/v1/truck-plans']['get']['responses'][200]['content']['application/json']['data'][number];
export type TruckPlanCreate = paths['/v1/truck-plans']['post']['requestBody']['content']['application/json'];
export type TruckRoute = NonNullable<TruckPlan['result']>['routes'][number];

export const truckPlanKeys = { all: ['truck-plans'] as const, list: (q: ListQuery) => ['truck-plans', 'list', q] as const, one: (id: string) => ['truck-plans', id] as const };
const solving = (state: string | undefined) => state === 'queued' || state === 'running' || state === 'created';

export function useTruckPlans(q: ListQuery) {
  return useQuery({
    queryKey: truckPlanKeys.list(q),
    queryFn: () => unwrap(api.GET('/v1/truck-plans', { params: { query: q } })),
    placeholderData: keepPreviousData,
    // A plan being solved is shown with its state; the list refreshes until none is.
    refetchInterval: (query) => (query.state.data?.data.some((p) => solving(p.state)) ? 1000 : false),
  });
}

/** One plan, polled while its job runs. */
export function useTruckPlan(id: string) {
  return useQuery({
    queryKey: truckPlanKeys.one(id),
    queryFn: () => unwrap(api.GET('/v1/truck-plans/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (solving(query.state.data?.state) ? 500 : false),
  });
}

export function useCreateTruckPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TruckPlanCreate) => unwrap(api.POST('/v1/truck-plans', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: truckPlanKeys.all }),
  });
}

/** The tile map the server offers for truck plans (LASTMILE_MAP_STYLE_URL), or null: the offline outlines. */
export function useMapStyle() {
  return useQuery({ queryKey: ['truck-plans', 'map-style'], queryFn: () => unwrap(api.GET('/v1/truck-plans/map-style')), staleTime: Infinity });
}
