import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

export type ApiKey = paths['/v1/api-keys']['get']['responses'][200]['content']['application/json']['data'][number];
export type ApiKeyCreate = paths['/v1/api-keys']['post']['requestBody']['content']['application/json'];
export type Webhook = paths['/v1/webhooks']['get']['responses'][200]['content']['application/json']['data'][number];
export type WebhookCreate = paths['/v1/webhooks']['post']['requestBody']['content']['application/json'];

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/v1/api-keys')) });
}
export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: ApiKeyCreate) => unwrap(api.POST('/v1/api-keys', { body })), onSettled: () => qc.invalidateQueries({ queryKey: ['api-keys'] }) });
}
export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => unwrap(api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } })), onSettled: () => qc.invalidateQueries({ queryKey: ['api-keys'] }) });
}

export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks'], queryFn: () => unwrap(api.GET('/v1/webhooks')) });
}
export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: WebhookCreate) => unwrap(api.POST('/v1/webhooks', { body })), onSettled: () => qc.invalidateQueries({ queryKey: ['webhooks'] }) });
}
export function useToggleWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => unwrap(api.PATCH('/v1/webhooks/{id}', { params: { path: { id } }, body: { enabled } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}
export function useTestWebhook() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => unwrap(api.POST('/v1/webhooks/{id}/test', { params: { path: { id } } })), onSettled: () => qc.invalidateQueries({ queryKey: ['webhook-deliveries'] }) });
}
export function useDeliveries(id: string | null) {
  return useQuery({
    queryKey: ['webhook-deliveries', id],
    queryFn: () => unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: id! }, query: { limit: 20 } } })),
    enabled: !!id,
  });
}

export type NotificationSettings = paths['/v1/notifications/settings']['get']['responses'][200]['content']['application/json'];
export type NotificationSettingsInput = paths['/v1/notifications/settings']['put']['requestBody']['content']['application/json'];
export function useNotificationSettings() {
  return useQuery({ queryKey: ['notification-settings'], queryFn: () => unwrap(api.GET('/v1/notifications/settings')) });
}
export function useSaveNotificationSettings() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: NotificationSettingsInput) => unwrap(api.PUT('/v1/notifications/settings', { body })), onSuccess: (s) => qc.setQueryData(['notification-settings'], s) });
}
export function useRotateNotificationSecret() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => unwrap(api.POST('/v1/notifications/webhook-secret')), onSettled: () => qc.invalidateQueries({ queryKey: ['notification-settings'] }) });
}

export type ChannelConnection = paths['/v1/channels']['get']['responses'][200]['content']['application/json']['data'][number];
export type ChannelConnect = paths['/v1/channels']['post']['requestBody']['content']['application/json'];
export function useChannels() {
  return useQuery({ queryKey: ['channels'], queryFn: () => unwrap(api.GET('/v1/channels')) });
}
export function useConnectChannel() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: ChannelConnect) => unwrap(api.POST('/v1/channels', { body })), onSettled: () => qc.invalidateQueries({ queryKey: ['channels'] }) });
}
export function useSyncChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/channels/{id}/sync', { params: { path: { id } } })),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['channels'] }), qc.invalidateQueries({ queryKey: ['orders'] })]),
  });
}
export function useDisconnectChannel() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => unwrap(api.DELETE('/v1/channels/{id}', { params: { path: { id } } })), onSettled: () => qc.invalidateQueries({ queryKey: ['channels'] }) });
}
