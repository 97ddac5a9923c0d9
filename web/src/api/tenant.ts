import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';
import { sessionKeys } from './session';

export type TenantSettings = paths['/v1/tenant']['patch']['requestBody']['content']['application/json'];

/** Saves the tenant's default currency and time zone; the session (which carries them) is read again. */
export function useUpdateTenant() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: TenantSettings) => unwrap(api.PATCH('/v1/tenant', { body })), onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.all }) });
}
