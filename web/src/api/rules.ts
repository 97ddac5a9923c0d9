import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

/** The rule set and policy as PUT /v1/routing/rules takes it (typed from the OpenAPI document). */
export type RoutingConfig = paths['/v1/routing/rules']['put']['requestBody']['content']['application/json'];
export type Rule = NonNullable<RoutingConfig['rules']>[number];
export type Report = paths['/v1/routing/rules/check']['post']['responses'][200]['content']['application/json'];

export const ruleKeys = { all: ['routing-rules'] as const };

export function useRoutingConfig() {
  return useQuery({ queryKey: ruleKeys.all, queryFn: async () => (await unwrap(api.GET('/v1/routing/rules'))) as unknown as RoutingConfig });
}

/** The conflict report for a rule set as it is being edited (nothing saved). */
export function useRuleCheck(config: RoutingConfig | null) {
  return useQuery({
    queryKey: ['routing-rules', 'check', config],
    queryFn: () => unwrap(api.POST('/v1/routing/rules/check', { body: config! })),
    enabled: !!config,
    placeholderData: (prev) => prev,
    retry: false,
  });
}

export function useSaveRoutingConfig() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: RoutingConfig) => unwrap(api.PUT('/v1/routing/rules', { body })), onSuccess: () => qc.invalidateQueries({ queryKey: ruleKeys.all }) });
}
