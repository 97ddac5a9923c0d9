import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

export type Warehouse = paths['/v1/warehouses']['get']['responses'][200]['content']['application/json']['data'][number];
export type WarehouseInput = paths['/v1/warehouses']['post']['requestBody']['content']['application/json'];

/** The tenant's warehouses (for pickers and filters): one list, kept a minute. */
export function useWarehouses() {
  return useQuery({ queryKey: ['warehouses'], queryFn: () => unwrap(api.GET('/v1/warehouses', { params: { query: { limit: 200 } } })), staleTime: 60_000 });
}
export function useCreateWarehouse() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: WarehouseInput) => unwrap(api.POST('/v1/warehouses', { body })), onSuccess: () => qc.invalidateQueries({ queryKey: ['warehouses'] }) });
}
export function useUpdateWarehouse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: WarehouseInput }) => unwrap(api.PATCH('/v1/warehouses/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['warehouses'] }),
  });
}
