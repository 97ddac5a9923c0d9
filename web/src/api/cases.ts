import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

type Query = NonNullable<paths['/v1/cases']['get']['parameters']['query']>;
export type Case = paths['/v1/cases/{id}']['get']['responses'][200]['content']['application/json'];
type Patch = paths['/v1/cases/{id}']['patch']['requestBody']['content']['application/json'];

export const caseKeys = { all: ['cases'] as const, list: (q: Query) => ['cases', 'list', q] as const };

export function useCases(q: Query) {
  return useQuery({ queryKey: caseKeys.list(q), queryFn: () => unwrap(api.GET('/v1/cases', { params: { query: q } })), placeholderData: keepPreviousData });
}

export function useUpdateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Patch & { id: string }) => unwrap(api.PATCH('/v1/cases/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}
