import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrf, unwrap } from './client';

export const sessionKeys = { all: ['session'] as const };

/** The session query: the signed-in user, or null when signed out. */
export const sessionQuery = {
  queryKey: sessionKeys.all,
  queryFn: async () => {
    try {
      const s = await unwrap(api.GET('/v1/auth/session'));
      setCsrf(s.csrf_token);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
  retry: false,
} as const;

/** The signed-in user (null when signed out). */
export function useSession() {
  return useQuery(sessionQuery);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/v1/auth/login', { body })),
    onSuccess: (s) => {
      setCsrf(s.csrf_token);
      qc.setQueryData(sessionKeys.all, s);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/auth/logout')),
    onSettled: () => {
      setCsrf(null);
      // Signed out: nothing of the tenant's stays in memory; the app shows the sign-in page.
      qc.setQueryData(sessionKeys.all, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.all[0] });
    },
  });
}

export function useSetLocale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, locale }: { userId: string; locale: 'en' | 'zh-CN' }) => unwrap(api.PATCH('/v1/users/{id}', { params: { path: { id: userId } }, body: { locale } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}
