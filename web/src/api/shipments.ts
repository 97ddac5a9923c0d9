import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

type ListQuery = NonNullable<paths['/v1/shipments']['get']['parameters']['query']>;
export type Shipment = paths['/v1/shipments/{id}']['get']['responses'][200]['content']['application/json'];
export type Manifest = paths['/v1/manifests']['get']['responses'][200]['content']['application/json']['data'][number];

export const shipmentKeys = { all: ['shipments'] as const, list: (q: ListQuery) => ['shipments', 'list', q] as const, manifests: ['manifests'] as const };

export function useShipments(q: ListQuery) {
  return useQuery({ queryKey: shipmentKeys.list(q), queryFn: () => unwrap(api.GET('/v1/shipments', { params: { query: q } })), placeholderData: keepPreviousData });
}

/** Cancels a shipment: a bought label is voided with the carrier first; the order goes back to decided. */
export function useVoidShipment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => unwrap(api.POST('/v1/shipments/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: shipmentKeys.all }), qc.invalidateQueries({ queryKey: ['orders'] })]),
  });
}

export function useManifests() {
  return useQuery({ queryKey: shipmentKeys.manifests, queryFn: () => unwrap(api.GET('/v1/manifests', { params: { query: { limit: 20 } } })) });
}

/** Closes the day for a carrier at a warehouse: its labelled shipments go on one manifest. */
export function useCloseManifest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { carrier: string; warehouse_id: string }) => unwrap(api.POST('/v1/manifests', { body })),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: shipmentKeys.manifests }), qc.invalidateQueries({ queryKey: shipmentKeys.all })]),
  });
}

export type ShipmentTracking = paths['/v1/shipments/{id}/tracking']['get']['responses'][200]['content']['application/json'];
/** A shipment's tracking: the folded summary and every carrier event, newest first. */
export function useShipmentTracking(id: string | null) {
  return useQuery({ queryKey: ['shipments', 'tracking', id], queryFn: () => unwrap(api.GET('/v1/shipments/{id}/tracking', { params: { path: { id: id! } } })), enabled: !!id });
}
