import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** The tenant's warehouses (for pickers and filters): one list, kept a minute. */
export function useWarehouses() {
  return useQuery({ queryKey: ['warehouses'], queryFn: () => unwrap(api.GET('/v1/warehouses', { params: { query: { limit: 200 } } })), staleTime: 60_000 });
}
