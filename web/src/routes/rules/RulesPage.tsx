import { ActionIcon, Alert, Button, Card, Checkbox, Grid, Group, List, NativeSelect, NumberInput, Select, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoutingConfig, useRuleCheck, useSaveRoutingConfig, type Rule, type RoutingConfig } from '../../api/rules';
import { useSession } from '../../api/session';
import { useWarehouses } from '../../api/warehouses';
import { ErrorNote } from '../../components/ErrorNote';
import { MoneyInput } from '../../components/MoneyInput';

const MODES = ['parcel', 'truck', 'pickup'] as const;
const LEVELS = ['economy', 'standard', 'expedited', 'overnight'] as const;
const SIGNATURES = ['indirect', 'direct', 'adult'] as const;
const list = (v: string[]) => (v.length ? v : undefined);
const CUSTOMER_TYPES = ['b2c', 'b2b'] as const;
const FLAGS = ['residential', 'remote', 'po_box', 'military'] as const;
type Money = { amount: number; currency: string };
/** A number field that may be empty (undefined: left out). */
const num = (v: string | number) => (v === '' ? undefined : Number(v));
/** A min/max pair with either side optional; both empty: no range. */
function rangeOf<T>(r: { min?: T; max?: T } | undefined, side: 'min' | 'max', v: T | undefined) {
  const next = { ...r, [side]: v };
  if (next.min === undefined) delete next.min;
  if (next.max === undefined) delete next.max;
  return next.min === undefined && next.max === undefined ? undefined : next;
}

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
          <TagsInput label={label('countries')} value={when.countries ?? []} onChange={(v) => setWhen({ countries: list(v.map((s) => s.toUpperCase())) })} />
          <TagsInput label={label('channels')} value={when.channels ?? []} onChange={(v) => setWhen({ channels: list(v) })} />
          <Group grow>
            <NumberInput label={label('sideMin')} value={when.longest_side_in?.min ?? ''} onChange={(v) => setWhen({ longest_side_in: rangeOf(when.longest_side_in, 'min', num(v)) })} />
            <NumberInput label={label('sideMax')} value={when.longest_side_in?.max ?? ''} onChange={(v) => setWhen({ longest_side_in: rangeOf(when.longest_side_in, 'max', num(v)) })} />
          </Group>
          <Group grow>
            <MoneyInput label={label('valueMin')} value={when.value?.min} onChange={(m) => setWhen({ value: rangeOf(when.value as { min?: Money; max?: Money } | undefined, 'min', m ?? undefined) })} />
            <MoneyInput label={label('valueMax')} value={when.value?.max} onChange={(m) => setWhen({ value: rangeOf(when.value as { min?: Money; max?: Money } | undefined, 'max', m ?? undefined) })} />
          </Group>
          <Checkbox.Group label={label('customerTypes')} value={when.customer_types ?? []} onChange={(v) => setWhen({ customer_types: list(v) as typeof CUSTOMER_TYPES[number][] | undefined })}>
            <Group gap="sm" mt={4}>{CUSTOMER_TYPES.map((c) => <Checkbox key={c} value={c} label={c.toUpperCase()} />)}</Group>
          </Checkbox.Group>
          <Group grow>
            {FLAGS.map((f) => (
              <NativeSelect key={f} label={label(`is.${f}`)} value={when[f] === undefined ? '' : String(when[f])} onChange={(e) => setWhen({ [f]: e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true' })}
                data={[{ value: '', label: t('rules.either') }, { value: 'true', label: t('rules.yes') }, { value: 'false', label: t('rules.no') }]} />
            ))}
          </Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={600}>{t('rules.then')}</Text>
          <Select label={label('mode')} clearable value={then.mode ?? null} data={MODES.map((m) => ({ value: m, label: t(`order.mode.${m}`) }))} onChange={(v) => setThen({ mode: (v ?? undefined) as Rule['then']['mode'] })} />
          <TagsInput label={label('allowCarriers')} value={then.allow_carriers ?? []} onChange={(v) => setThen({ allow_carriers: list(v.map((s) => s.toLowerCase())) })} />
          <TagsInput label={label('denyCarriers')} value={then.deny_carriers ?? []} onChange={(v) => setThen({ deny_carriers: list(v.map((s) => s.toLowerCase())) })} />
          <Select label={label('signature')} clearable value={then.require_signature ?? null} data={[...SIGNATURES]} onChange={(v) => setThen({ require_signature: (v ?? undefined) as Rule['then']['require_signature'] })} />
          <Select label={label('serviceLevel')} clearable value={then.service_level ?? null} data={[...LEVELS]} onChange={(v) => setThen({ service_level: (v ?? undefined) as Rule['then']['service_level'] })} />
          <TagsInput label={label('allowServices')} value={then.allow_services ?? []} onChange={(v) => setThen({ allow_services: list(v) })} />
          <TagsInput label={label('denyServices')} value={then.deny_services ?? []} onChange={(v) => setThen({ deny_services: list(v) })} />
          <Checkbox mt="xs" label={label('insurance')} checked={!!then.require_insurance} onChange={(e) => setThen({ require_insurance: e.currentTarget.checked || undefined })} />
          <Text size="sm" mt="xs">{label('prefer')}</Text>
          {(then.prefer ?? []).map((p, j) => {
            // An emptied carrier or service is left out (a bonus for any carrier, or any of its services).
            const setP = (k: 'carrier' | 'service' | 'bonus', v: unknown) => setThen({
              prefer: (then.prefer ?? []).map((q, i) => (i === j ? (Object.fromEntries(Object.entries({ ...q, [k]: v }).filter(([, x]) => x !== undefined && x !== '')) as typeof q) : q)),
            });
            return (
              <Group key={j} gap="xs" align="flex-end">
                <TextInput size="xs" w={100} label={`${t('rules.preferCarrier')} ${j + 1}`} value={p.carrier ?? ''} onChange={(e) => setP('carrier', e.currentTarget.value)} />
                <TextInput size="xs" w={150} label={`${t('rules.preferService')} ${j + 1}`} value={p.service ?? ''} onChange={(e) => setP('service', e.currentTarget.value)} />
                <MoneyInput w={120} label={`${t('rules.bonus')} ${j + 1}`} value={p.bonus} onChange={(m) => setP('bonus', m ?? { amount: 0, currency: 'USD' })} />
                <ActionIcon variant="default" aria-label={`${t('rules.removePrefer')} ${j + 1} (${t('rules.rule')} ${index + 1})`} onClick={() => { const rest = (then.prefer ?? []).filter((_, i) => i !== j); setThen({ prefer: rest.length ? rest : undefined }); }}>✕</ActionIcon>
              </Group>
            );
          })}
          <Button size="compact-xs" variant="default" mt={4} onClick={() => setThen({ prefer: [...(then.prefer ?? []), { bonus: { amount: 100, currency: 'USD' } }] })}>{t('rules.addPrefer')}</Button>
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

type Policy = NonNullable<RoutingConfig['mode_policy']>;
type Costs = NonNullable<RoutingConfig['costs']>;
type Priors = NonNullable<RoutingConfig['priors']>;
type Rates = Priors['default'];
const POLICY_DEFAULTS: Policy = { parcel_max_weight_lb: 150, parcel_max_length_in: 108, parcel_max_length_plus_girth_in: 165, b2b_truck_weight_lb: 500, white_glove_value: { amount: 150_000, currency: 'USD' }, pickup_max_value: { amount: 10_000, currency: 'USD' }, pickup_max_distance_km: 1.5, recommend_pickup: true };
const COSTS_DEFAULTS: Costs = { redelivery: { amount: 1750, currency: 'USD' }, lateness_penalty: { amount: 500, currency: 'USD' }, reshipment: { amount: 800, currency: 'USD' } };
const PRIORS_DEFAULTS: Priors = { default: { fail_first_attempt: 0.06, loss: 0.004, late: 0.08 }, carriers: {}, strength: 50, half_life_days: 90 };

/** The policy the rules start from: when an order leaves parcel for truck or a pickup point, what failures cost, what is assumed of a carrier before its own record, and the calendar's exceptions. */
function PolicyForm({ draft, setDraft }: { draft: RoutingConfig; setDraft: (c: RoutingConfig) => void }) {
  const { t } = useTranslation();
  const mp = { ...POLICY_DEFAULTS, ...draft.mode_policy };
  const costs = { ...COSTS_DEFAULTS, ...draft.costs };
  const priors = { ...PRIORS_DEFAULTS, ...draft.priors };
  const setMp = (x: Partial<Policy>) => setDraft({ ...draft, mode_policy: { ...mp, ...x } });
  const setCosts = (x: Partial<Costs>) => setDraft({ ...draft, costs: { ...costs, ...x } });
  const setRate = (k: keyof Rates, v: number) => setDraft({ ...draft, priors: { ...priors, default: { ...priors.default, [k]: v } } });
  const cal = Object.entries(draft.calendar_overrides ?? {});
  const setCal = (rows: [string, { holidays?: string[]; workdays?: string[] }][]) => setDraft({ ...draft, calendar_overrides: Object.fromEntries(rows) });
  const numberField = (key: keyof Policy, min = 0.01) => (
    <NumberInput key={key} label={t(`rules.policy.${key}`)} w={200} min={min} decimalScale={2} value={mp[key] as number} onChange={(v) => setMp({ [key]: Number(v) || min })} />
  );
  return (
    <Card withBorder data-testid="policy">
      <Title order={3} size="h5">{t('rules.policyTitle')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('rules.policyHint')}</Text>
      <Group align="flex-end" gap="sm">
        {numberField('parcel_max_weight_lb')}
        {numberField('parcel_max_length_in')}
        {numberField('parcel_max_length_plus_girth_in')}
        {numberField('b2b_truck_weight_lb')}
        <MoneyInput w={200} label={t('rules.policy.white_glove_value')} value={mp.white_glove_value} onChange={(m) => m && setMp({ white_glove_value: m })} />
      </Group>
      <Group align="flex-end" gap="sm" mt="xs">
        <Checkbox mb={8} label={t('rules.policy.recommend_pickup')} checked={mp.recommend_pickup !== false} onChange={(e) => setMp({ recommend_pickup: e.currentTarget.checked })} />
        <MoneyInput w={200} label={t('rules.policy.pickup_max_value')} value={mp.pickup_max_value} onChange={(m) => m && setMp({ pickup_max_value: m })} />
        {numberField('pickup_max_distance_km')}
      </Group>
      <Text size="sm" fw={600} mt="sm">{t('rules.costsTitle')}</Text>
      <Group align="flex-end" gap="sm">
        {(['redelivery', 'lateness_penalty', 'reshipment'] as const).map((k) => <MoneyInput key={k} w={200} label={t(`rules.costs.${k}`)} value={costs[k]} onChange={(m) => m && setCosts({ [k]: m })} />)}
      </Group>
      <Text size="sm" fw={600} mt="sm">{t('rules.priorsTitle')}</Text>
      <Text size="xs" c="dimmed">{t('rules.priorsHint')}</Text>
      <Group align="flex-end" gap="sm">
        {(['fail_first_attempt', 'late', 'loss'] as const).map((k) => (
          <NumberInput key={k} label={t(`rules.priors.${k}`)} w={200} min={0} max={100} decimalScale={2} suffix=" %" value={Math.round(priors.default[k] * 10000) / 100}
            onChange={(v) => setRate(k, Math.min(100, Math.max(0, Number(v) || 0)) / 100)} />
        ))}
        <NumberInput label={t('rules.priors.strength')} w={200} min={0.01} value={priors.strength ?? 50} onChange={(v) => setDraft({ ...draft, priors: { ...priors, strength: Number(v) || 50 } })} />
        <NumberInput label={t('rules.priors.half_life_days')} w={200} min={1} value={priors.half_life_days ?? 90} onChange={(v) => setDraft({ ...draft, priors: { ...priors, half_life_days: Number(v) || 90 } })} />
      </Group>
      <Text size="sm" fw={600} mt="sm">{t('rules.calendarTitle')}</Text>
      <Text size="xs" c="dimmed">{t('rules.calendarHint')}</Text>
      {cal.map(([code, o], k) => (
        <Group key={k} align="flex-end" gap="xs">
          <TextInput size="xs" w={110} label={`${t('rules.calendarCode')} ${k + 1}`} value={code} onChange={(e) => setCal(cal.map((r, j) => (j === k ? [e.currentTarget.value, r[1]] : r)))} />
          <TagsInput size="xs" w={300} label={`${t('rules.holidays')} ${k + 1}`} placeholder="2026-12-24" value={o.holidays ?? []} onChange={(v) => setCal(cal.map((r, j) => (j === k ? [r[0], { ...r[1], holidays: v }] : r)))} />
          <TagsInput size="xs" w={300} label={`${t('rules.workdays')} ${k + 1}`} placeholder="2026-12-26" value={o.workdays ?? []} onChange={(v) => setCal(cal.map((r, j) => (j === k ? [r[0], { ...r[1], workdays: v }] : r)))} />
          <ActionIcon variant="default" aria-label={`${t('rules.removeCalendar')} ${k + 1}`} onClick={() => setCal(cal.filter((_, j) => j !== k))}>✕</ActionIcon>
        </Group>
      ))}
      <Group mt={4}><Button size="xs" variant="default" onClick={() => setCal([...cal, [cal.some(([c]) => c === 'US') ? '' : 'US', { holidays: [], workdays: [] }]])}>{t('rules.addCalendar')}</Button></Group>
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
      <PolicyForm draft={draft} setDraft={setDraft} />
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
