import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, setCsrf, unwrap } from './client';
import { sessionKeys } from './session';

export type User = paths['/v1/users']['get']['responses'][200]['content']['application/json']['data'][number];
type Invite = paths['/v1/users/invitations']['post']['requestBody']['content']['application/json'];

export const userKeys = { all: ['users'] as const };

export function useUsers() {
  return useQuery({ queryKey: userKeys.all, queryFn: () => unwrap(api.GET('/v1/users')) });
}

export function useInvite() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: Invite) => unwrap(api.POST('/v1/users/invitations', { body })), onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }) });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: User['role']; status?: 'active' | 'disabled' }) => unwrap(api.PATCH('/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: { current_password: string; new_password: string }) => unwrap(api.POST('/v1/auth/password', { body })) });
}

/** Accepting an invitation or a reset link signs in: the session comes back. */
export function useAcceptToken(kind: 'invite' | 'reset') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ token, password }: { token: string; password: string }) =>
      kind === 'invite'
        ? unwrap(api.POST('/v1/auth/invitations/accept', { body: { token, password } }))
        : unwrap(api.POST('/v1/auth/password-reset/confirm', { body: { token, new_password: password } })),
    onSuccess: (s) => {
      setCsrf(s.csrf_token);
      qc.setQueryData(sessionKeys.all, s);
    },
  });
}
