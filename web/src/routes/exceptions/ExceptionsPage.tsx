import { Anchor, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCases, useUpdateCase, type Case } from '../../api/cases';
import { useSession } from '../../api/session';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { useUrlFilters } from '../../components/useUrlFilters';
import { dateTime } from '../../format';

const STATES = ['unresolved', 'open', 'acknowledged', 'resolved'] as const;

/** Age in hours or days, for the queue. */
const age = (iso: string, now: number) => {
  const h = Math.max(0, (now - Date.parse(iso)) / 3_600_000);
  return h < 48 ? `${Math.round(h)} h` : `${Math.round(h / 24)} d`;
};

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
  const now = Date.now();
  const columns: Column<Case>[] = [
    { key: 'title', header: t('cases.case'), cell: (c) => <Stack gap={0}><Text size="sm" fw={600}>{c.title}</Text><Text size="xs" c="dimmed">{c.rule}</Text></Stack> },
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
    </Stack>
  );
}
