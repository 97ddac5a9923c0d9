import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

export type CardSummary = paths['/v1/rate-cards']['get']['responses'][200]['content']['application/json']['data'][number];
export type CardImport = paths['/v1/rate-cards']['post']['requestBody']['content']['application/json'];
export type CarrierAccount = paths['/v1/carrier-accounts']['get']['responses'][200]['content']['application/json']['data'][number];
export type CarrierAccountInput = paths['/v1/carrier-accounts']['put']['requestBody']['content']['application/json'];

export function useRateCards() {
  return useQuery({ queryKey: ['rate-cards'], queryFn: () => unwrap(api.GET('/v1/rate-cards')) });
}
export function useRateCard(id: string | null) {
  return useQuery({ queryKey: ['rate-cards', id], queryFn: () => unwrap(api.GET('/v1/rate-cards/{id}', { params: { path: { id: id! } } })), enabled: !!id });
}
export function useImportRateCard() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: CardImport) => unwrap(api.POST('/v1/rate-cards', { body })), onSettled: () => qc.invalidateQueries({ queryKey: ['rate-cards'] }) });
}
export function useZoneCharts() {
  return useQuery({ queryKey: ['zone-charts'], queryFn: () => unwrap(api.GET('/v1/zone-charts')) });
}
export type ZoneChartImport = paths['/v1/zone-charts']['post']['requestBody']['content']['application/json'];
export function useImportZoneChart() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: ZoneChartImport) => unwrap(api.POST('/v1/zone-charts', { body })), onSettled: () => qc.invalidateQueries({ queryKey: ['zone-charts'] }) });
}
export function useCarrierAccounts() {
  return useQuery({ queryKey: ['carrier-accounts'], queryFn: () => unwrap(api.GET('/v1/carrier-accounts')) });
}
export function useSaveCarrierAccount() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: CarrierAccountInput) => unwrap(api.PUT('/v1/carrier-accounts', { body })), onSettled: () => qc.invalidateQueries({ queryKey: ['carrier-accounts'] }) });
}
export function useDeleteCarrierAccount() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => unwrap(api.DELETE('/v1/carrier-accounts/{id}', { params: { path: { id } } })), onSettled: () => qc.invalidateQueries({ queryKey: ['carrier-accounts'] }) });
}
export type AccountTest = paths['/v1/carrier-accounts/{id}/test']['post']['responses'][200]['content']['application/json'];
/** Signs in to the carrier and asks for a sample rate: nothing is bought (with `labels`, a native account's sandbox buys a label and voids it). */
export function useTestCarrierAccount() {
  return useMutation({ mutationFn: ({ id, labels }: { id: string; labels?: boolean }) => unwrap(api.POST('/v1/carrier-accounts/{id}/test', { params: { path: { id }, query: labels ? { labels: 'true' } : {} } })) });
}
