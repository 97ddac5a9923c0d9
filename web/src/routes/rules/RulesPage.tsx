import { ActionIcon, Alert, Button, Card, Checkbox, Grid, Group, List, NativeSelect, NumberInput, Select, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoutingConfig, useRuleCheck, useSaveRoutingConfig, type Rule, type RoutingConfig } from '../../api/rules';
import { useSession } from '../../api/session';
import { useWarehouses } from '../../api/warehouses';
import { ErrorNote } from '../../components/ErrorNote';

const MODES = ['parcel', 'truck', 'pickup'] as const;
const LEVELS = ['economy', 'standard', 'expedited', 'overnight'] as const;
const SIGNATURES = ['indirect', 'direct', 'adult'] as const;
const list = (v: string[]) => (v.length ? v : undefined);
/** A partial edit where undefined means "leave it out". */
type Edit<T> = { [K in keyof T]?: T[K] | undefined };

/** One rule as a form: when (conditions) and then (actions); empty fields are left out. */
function RuleForm({ rule, onChange, onRemove, index }: { rule: Rule; onChange: (r: Rule) => void; onRemove: () => void; index: number }) {
  const { t } = useTranslation();
  const when = rule.when ?? {};
  const then = rule.then;
  const setWhen = (w: Edit<NonNullable<Rule['when']>>) => onChange({ ...rule, when: Object.fromEntries(Object.entries({ ...when, ...w }).filter(([, v]) => v !== undefined)) });
  const setThen = (x: Edit<Rule['then']>) => onChange({ ...rule, then: Object.fromEntries(Object.entries({ ...then, ...x }).filter(([, v]) => v !== undefined)) as Rule['then'] });
  const label = (k: string) => `${t(`rules.${k}`)} (${t('rules.rule')} ${index + 1})`;
  return (
    <Card withBorder data-testid={`rule-${index}`}>
      <Group justify="space-between" mb="xs">
        <Group>
          <TextInput label={label('id')} value={rule.id} onChange={(e) => onChange({ ...rule, id: e.currentTarget.value })} w={180} />
          <NumberInput label={label('priority')} value={rule.priority} min={0} onChange={(v) => onChange({ ...rule, priority: Number(v) || 0 })} w={120} />
          <Checkbox mt="lg" label={t('rules.stop')} checked={!!rule.stop} onChange={(e) => onChange({ ...rule, stop: e.currentTarget.checked })} />
        </Group>
        <ActionIcon variant="default" aria-label={label('remove')} onClick={onRemove}>✕</ActionIcon>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={600}>{t('rules.when')}</Text>
          <TagsInput label={label('states')} value={when.states ?? []} onChange={(v) => setWhen({ states: list(v.map((s) => s.toUpperCase())) })} />
          <TagsInput label={label('zips')} value={when.zip_prefixes ?? []} onChange={(v) => setWhen({ zip_prefixes: list(v) })} />
          <Group grow>
            <NumberInput label={label('weightMin')} value={when.weight_lb?.min ?? ''} onChange={(v) => setWhen({ weight_lb: v === '' ? (when.weight_lb?.max !== undefined ? { max: when.weight_lb.max } : undefined) : { ...when.weight_lb, min: Number(v) } })} />
            <NumberInput label={label('weightMax')} value={when.weight_lb?.max ?? ''} onChange={(v) => setWhen({ weight_lb: v === '' ? (when.weight_lb?.min !== undefined ? { min: when.weight_lb.min } : undefined) : { ...when.weight_lb, max: Number(v) } })} />
          </Group>
          <TagsInput label={label('flags')} value={when.flags ?? []} onChange={(v) => setWhen({ flags: list(v) })} />
          <TagsInput label={label('tags')} value={when.tags ?? []} onChange={(v) => setWhen({ tags: list(v) })} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={600}>{t('rules.then')}</Text>
          <Select label={label('mode')} clearable value={then.mode ?? null} data={MODES.map((m) => ({ value: m, label: t(`order.mode.${m}`) }))} onChange={(v) => setThen({ mode: (v ?? undefined) as Rule['then']['mode'] })} />
          <TagsInput label={label('allowCarriers')} value={then.allow_carriers ?? []} onChange={(v) => setThen({ allow_carriers: list(v.map((s) => s.toLowerCase())) })} />
          <TagsInput label={label('denyCarriers')} value={then.deny_carriers ?? []} onChange={(v) => setThen({ deny_carriers: list(v.map((s) => s.toLowerCase())) })} />
          <Select label={label('signature')} clearable value={then.require_signature ?? null} data={[...SIGNATURES]} onChange={(v) => setThen({ require_signature: (v ?? undefined) as Rule['then']['require_signature'] })} />
          <Select label={label('serviceLevel')} clearable value={then.service_level ?? null} data={[...LEVELS]} onChange={(v) => setThen({ service_level: (v ?? undefined) as Rule['then']['service_level'] })} />
        </Grid.Col>
      </Grid>
    </Card>
  );
}

type Quota = NonNullable<RoutingConfig['quotas']>[number];
type Pilot = NonNullable<RoutingConfig['pilots']>[number];

/** Daily quotas: how many orders a service takes a day, at one warehouse or all of them. */
function Quotas({ draft, setDraft }: { draft: RoutingConfig; setDraft: (c: RoutingConfig) => void }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const quotas = draft.quotas ?? [];
  const set = (q: Quota[]) => setDraft({ ...draft, quotas: q });
  return (
    <Card withBorder data-testid="quotas">
      <Title order={3} size="h5">{t('rules.quotas')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('rules.quotasHint')}</Text>
      {quotas.map((q, k) => (
        <Group key={k} align="flex-end" mb="xs">
          <TextInput label={`${t('rules.quotaService')} (${k + 1})`} value={q.service} onChange={(e) => set(quotas.map((x, j) => (j === k ? { ...x, service: e.currentTarget.value } : x)))} w={240} />
          <NativeSelect label={`${t('rules.quotaWarehouse')} (${k + 1})`} value={q.warehouse_id ?? ''} w={160}
            onChange={(e) => set(quotas.map((x, j) => (j === k ? { ...x, warehouse_id: e.currentTarget.value || null } : x)))}
            data={[{ value: '', label: t('rules.anyWarehouse') }, ...(warehouses.data?.data ?? []).map((w) => ({ value: w.id, label: w.code }))]} />
          <NumberInput label={`${t('rules.quotaCapacity')} (${k + 1})`} min={0} value={q.daily_capacity} onChange={(v) => set(quotas.map((x, j) => (j === k ? { ...x, daily_capacity: Math.max(0, Math.round(Number(v) || 0)) } : x)))} w={160} />
          <ActionIcon variant="default" size="lg" aria-label={`${t('rules.removeQuota')} ${k + 1}`} onClick={() => set(quotas.filter((_, j) => j !== k))}>✕</ActionIcon>
        </Group>
      ))}
      <Group><Button size="xs" variant="default" onClick={() => set([...quotas, { service: '', warehouse_id: null, daily_capacity: 100 }])}>{t('rules.addQuota')}</Button></Group>
    </Card>
  );
}

/** Pilots: a share of the orders a service would not win, sent to it to learn how it performs. */
function Pilots({ draft, setDraft }: { draft: RoutingConfig; setDraft: (c: RoutingConfig) => void }) {
  const { t } = useTranslation();
  const pilots = draft.pilots ?? [];
  const set = (p: Pilot[]) => setDraft({ ...draft, pilots: p });
  return (
    <Card withBorder data-testid="pilots">
      <Title order={3} size="h5">{t('rules.pilots')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('rules.pilotsHint')}</Text>
      {pilots.map((p, k) => (
        <Group key={k} align="flex-end" mb="xs">
          <TextInput label={`${t('rules.pilotName')} (${k + 1})`} value={p.name} onChange={(e) => set(pilots.map((x, j) => (j === k ? { ...x, name: e.currentTarget.value } : x)))} w={180} />
          <TextInput label={`${t('rules.quotaService')} (${k + 1})`} value={p.service} onChange={(e) => set(pilots.map((x, j) => (j === k ? { ...x, service: e.currentTarget.value } : x)))} w={240} />
          <NumberInput label={`${t('rules.pilotShare')} (${k + 1})`} min={0} max={100} suffix=" %" value={Math.round(p.share * 1000) / 10} onChange={(v) => set(pilots.map((x, j) => (j === k ? { ...x, share: Math.min(100, Math.max(0, Number(v) || 0)) / 100 } : x)))} w={140} />
          <ActionIcon variant="default" size="lg" aria-label={`${t('rules.removePilot')} ${k + 1}`} onClick={() => set(pilots.filter((_, j) => j !== k))}>✕</ActionIcon>
        </Group>
      ))}
      <Group><Button size="xs" variant="default" onClick={() => set([...pilots, { name: `pilot-${pilots.length + 1}`, service: '', share: 0.05 }])}>{t('rules.addPilot')}</Button></Group>
    </Card>
  );
}

/**
 * The routing rules as forms, with the conflict report of the rules as they are typed (checked
 * by the API without saving), and the services marked down.
 */
export function RulesPage() {
  const { t } = useTranslation();
  const saved = useRoutingConfig();
  const save = useSaveRoutingConfig();
  const canEdit = useSession().data?.scopes.includes('admin') ?? false;
  const [draft, setDraft] = useState<RoutingConfig | null>(null);
  useEffect(() => {
    if (saved.data && !draft) setDraft(saved.data);
  }, [saved.data, draft]);
  const [debounced] = useDebouncedValue(draft, 300);
  const check = useRuleCheck(debounced);
  if (!draft) return <ErrorNote error={saved.error} />;
  const rules = draft.rules ?? [];
  const setRules = (r: Rule[]) => setDraft({ ...draft, rules: r });
  const report = check.data;
  const problems = report ? report.conflicts.length + report.unreachable.length + report.duplicates.length : 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('rules.title')}</Title>
        {canEdit && (
          <Group>
            <Button variant="default" onClick={() => setRules([...rules, { id: `rule-${rules.length + 1}`, priority: (rules.length + 1) * 10, stop: false, when: {}, then: {} }])}>{t('rules.add')}</Button>
            <Button onClick={() => save.mutate(draft)} loading={save.isPending}>{t('rules.save')}</Button>
          </Group>
        )}
      </Group>
      <Alert color={problems ? 'orange' : 'green'} role="status" data-testid="rule-report" title={problems ? t('rules.problems', { count: problems }) : t('rules.noProblems')}>
        {report && (
          <List size="sm">
            {report.conflicts.map((c) => <List.Item key={c.rules.join('|')}>{t('rules.conflict', { a: c.rules[0], b: c.rules[1], reasons: c.reasons.join('; '), winner: c.winner })}</List.Item>)}
            {report.unreachable.map((u) => <List.Item key={u.rule}>{t('rules.unreachable', { rule: u.rule, because: u.because })}</List.Item>)}
            {report.duplicates.map((d) => <List.Item key={d}>{t('rules.duplicate', { id: d })}</List.Item>)}
          </List>
        )}
      </Alert>
      <ErrorNote error={save.error ?? check.error} />
      {save.isSuccess && <Text size="sm" c="green.9" role="status">{t('rules.saved')}</Text>}
      {rules.map((r, k) => (
        <RuleForm key={k} index={k} rule={r} onChange={(n) => setRules(rules.map((x, j) => (j === k ? n : x)))} onRemove={() => setRules(rules.filter((_, j) => j !== k))} />
      ))}
      <Card withBorder>
        <TagsInput label={t('rules.down')} description={t('rules.downHint')} value={draft.down ?? []} onChange={(v) => setDraft({ ...draft, down: v })} />
      </Card>
      <Quotas draft={draft} setDraft={setDraft} />
      <Pilots draft={draft} setDraft={setDraft} />
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">{t('rules.serviceLevels')}</Title>
        <Checkbox.Group label={t('rules.enforce')} description={t('rules.enforceHint')} value={draft.service_levels?.enforce ?? ['overnight', 'expedited']}
          onChange={(v) => setDraft({ ...draft, service_levels: { ...draft.service_levels, enforce: v as (typeof LEVELS)[number][] } })}>
          <Group mt={4}>{LEVELS.map((l) => <Checkbox key={l} value={l} label={t(`rules.levels.${l}`)} />)}</Group>
        </Checkbox.Group>
        <NativeSelect mt="xs" w={320} label={t('rules.whenUnmet')} value={draft.service_levels?.when_unmet ?? 'wait'}
          onChange={(e) => setDraft({ ...draft, service_levels: { ...draft.service_levels, when_unmet: e.currentTarget.value as 'wait' | 'ship_fastest' } })}
          data={[{ value: 'wait', label: t('rules.unmet.wait') }, { value: 'ship_fastest', label: t('rules.unmet.ship_fastest') }]} />
      </Card>
    </Stack>
  );
}
