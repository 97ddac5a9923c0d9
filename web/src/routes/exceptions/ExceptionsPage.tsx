import { Anchor, Badge, Button, Card, Grid, Group, List, NativeSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCases, useUpdateCase, type Case } from '../../api/cases';
import { useSession } from '../../api/session';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { TrackingTimeline } from '../../components/TrackingTimeline';
import { useUrlFilters } from '../../components/useUrlFilters';
import { dateTime } from '../../format';

const STATES = ['unresolved', 'open', 'acknowledged', 'resolved'] as const;

/** Age in hours or days, for the queue. */
const age = (iso: string, now: number) => {
  const h = Math.max(0, (now - Date.parse(iso)) / 3_600_000);
  return h < 48 ? `${Math.round(h)} h` : `${Math.round(h / 24)} d`;
};

const ACTIONS = ['contact_customer', 'reship', 'refund', 'file_claim', 'note'] as const;

/** Evidence values as a line of text (numbers, dates and short lists as they are; objects as JSON). */
const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One case opened: what the rule saw, what was done, who owns it, and the shipment's scans. */
function CaseDetail({ c, canWork }: { c: Case; canWork: boolean }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCase();
  const [type, setType] = useState<(typeof ACTIONS)[number]>('contact_customer');
  const [note, setNote] = useState('');
  const [owner, setOwner] = useState(c.owner ?? '');
  return (
    <Card withBorder data-testid="case-detail">
      <Title order={3} size="h5" mb="xs">{c.title}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Text size="sm" fw={600}>{t('cases.evidence')}</Text>
          <Table verticalSpacing={2} fz="sm" data-testid="case-evidence">
            <Table.Tbody>{Object.entries(c.evidence).map(([k, v]) => <Table.Tr key={k}><Table.Th scope="row" fw={500}>{k}</Table.Th><Table.Td style={{ wordBreak: 'break-word' }}>{show(v)}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
          <Text size="sm" fw={600} mt="sm">{t('cases.actions')}</Text>
          {c.actions.length === 0 ? <Text size="sm" c="dimmed">—</Text> : (
            <List size="sm">{c.actions.map((a, k) => <List.Item key={k}>{dateTime(a.at, i18n.language)} · {t(`cases.action.${a.type}`, a.type)} · {a.actor}{a.note ? ` — ${a.note}` : ''}</List.Item>)}</List>
          )}
          {canWork && c.state !== 'resolved' && (
            <Stack gap="xs" mt="sm">
              <Group align="flex-end" gap="xs">
                <NativeSelect size="xs" label={t('cases.actionType')} value={type} onChange={(e) => setType(e.currentTarget.value as typeof type)} data={ACTIONS.map((a) => ({ value: a, label: t(`cases.action.${a}`) }))} />
                <TextInput size="xs" label={t('cases.actionNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} w={200} />
                <Button size="xs" variant="default" loading={update.isPending} onClick={() => update.mutate({ id: c.id, action: { type, note: note || null } }, { onSuccess: () => setNote('') })}>{t('cases.record')}</Button>
              </Group>
              <Group align="flex-end" gap="xs">
                <TextInput size="xs" label={t('cases.assignTo')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} w={220} placeholder="name@example.com" />
                <Button size="xs" variant="default" disabled={!owner.trim()} onClick={() => update.mutate({ id: c.id, owner: owner.trim() })}>{t('cases.assign')}</Button>
              </Group>
            </Stack>
          )}
          <ErrorNote error={update.error} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text size="sm" fw={600} mb={4}>{t('cases.timeline')}</Text>
          <TrackingTimeline shipmentId={c.shipment_id} />
        </Grid.Col>
      </Grid>
    </Card>
  );
}

/** The exception queue: cases opened by the tracking rules, worked until resolved. */
export function ExceptionsPage() {
  const { t, i18n } = useTranslation();
  const [params, set] = useUrlFilters();
  const state = (STATES as readonly string[]).includes(params.get('state') ?? 'unresolved') ? ((params.get('state') ?? 'unresolved') as (typeof STATES)[number]) : 'unresolved';
  const cursor = params.get('cursor') ?? undefined;
  const cases = useCases({ limit: 50, state, ...(cursor ? { cursor } : {}) });
  const update = useUpdateCase();
  const me = useSession().data;
  const canWork = !!me && (me.scopes.includes('admin') || me.scopes.includes('tracking:write'));
  const [note, setNote] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string | null>(null);
  const now = Date.now();
  const openCase = (cases.data?.data ?? []).find((c) => c.id === open);
  const columns: Column<Case>[] = [
    {
      key: 'title', header: t('cases.case'),
      cell: (c) => (
        <Stack gap={0} align="flex-start">
          <Text size="sm" fw={600}>{c.title}</Text><Text size="xs" c="dimmed">{c.rule}</Text>
          <Button size="compact-xs" variant="subtle" aria-expanded={open === c.id} onClick={() => setOpen(open === c.id ? null : c.id)}>{open === c.id ? t('cases.hide') : t('cases.details')}</Button>
        </Stack>
      ),
    },
    { key: 'order', header: t('cases.order'), cell: (c) => <Anchor component={Link} to={`/orders/${c.order_id}`} size="sm">{c.order_id}</Anchor> },
    { key: 'state', header: t('cases.state'), cell: (c) => <Badge variant="light" c="dark.9" color={c.state === 'open' ? 'red' : c.state === 'acknowledged' ? 'orange' : 'green'}>{t(`cases.states.${c.state}`)}</Badge> },
    { key: 'owner', header: t('cases.owner'), cell: (c) => c.owner ?? '—' },
    { key: 'age', header: t('cases.age'), cell: (c) => <Text size="sm" title={dateTime(c.opened_at, i18n.language)}>{age(c.opened_at, now)}</Text> },
    {
      key: 'work', header: t('cases.work'),
      cell: (c) => !canWork || c.state === 'resolved' ? (c.resolved_at ? dateTime(c.resolved_at, i18n.language) : '—') : (
        <Group gap="xs" wrap="nowrap">
          {c.state === 'open' && <Button size="xs" variant="default" onClick={() => update.mutate({ id: c.id, state: 'acknowledged', owner: me.user.email })}>{t('cases.acknowledge')}</Button>}
          <TextInput size="xs" aria-label={t('cases.note')} placeholder={t('cases.note')} value={note[c.id] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setNote((n) => ({ ...n, [c.id]: v })); }} w={160} />
          <Button size="xs" onClick={() => update.mutate({ id: c.id, state: 'resolved', ...(note[c.id] ? { action: { type: 'note' as const, note: note[c.id] ?? null } } : {}) })}>{t('cases.resolve')}</Button>
        </Group>
      ),
    },
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('cases.title')}</Title>
        <Select label={t('cases.state')} w={200} value={state} allowDeselect={false} data={STATES.map((s) => ({ value: s, label: t(`cases.states.${s}`) }))} onChange={(v) => v && set({ state: v, cursor: undefined })} />
      </Group>
      <ErrorNote error={cases.error ?? update.error} />
      <DataTable caption={t('cases.title')} rows={cases.data?.data ?? []} columns={columns} empty={t('cases.empty')} loading={cases.isFetching}
        nextCursor={cases.data?.next_cursor ?? null} onNext={() => set({ cursor: cases.data?.next_cursor ?? undefined })} onFirst={cursor ? () => set({ cursor: undefined }) : undefined} />
      {openCase && <CaseDetail key={openCase.id} c={openCase} canWork={canWork} />}
    </Stack>
  );
}
