import { useQuery } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

export type Job = paths['/v1/jobs/{id}']['get']['responses'][200]['content']['application/json'];
const done = (j: Job | undefined) => j?.state === 'succeeded' || j?.state === 'failed';

/** A background job, polled every half second until it ends (progress for long work). */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => unwrap(api.GET('/v1/jobs/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    refetchInterval: (q) => (done(q.state.data) ? false : 500),
  });
}
export const jobEnded = done;
