import { Anchor, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useState } from 'react';
import { decisionOf, useOrders, type Order } from '../../api/orders';
import { useSession } from '../../api/session';
import { BatchBar } from './BatchBar';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { StatusBadge } from '../../components/StatusBadge';
import { dateTime, money } from '../../format';

const STATUSES = ['address_review', 'ready', 'decided', 'fulfilling', 'shipped', 'delivered', 'exception', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/** The order queue: by status, newest first, a page at a time (the filter is in the URL). */
export function OrderListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const cursor = params.get('cursor') ?? undefined;
  const list = useOrders({ limit: 50, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const scopes = useSession().data?.scopes ?? [];
  const canWrite = scopes.includes('admin') || (scopes.includes('orders:write') && scopes.includes('shipments:write'));
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    setParams(p);
  };
  const lang = i18n.language;
  const columns: Column<Order>[] = [
    { key: 'order', header: t('orders.columns.order'), cell: (o) => <Anchor component={Link} to={`/orders/${o.id}`}>{o.external_id}</Anchor> },
    { key: 'customer', header: t('orders.columns.customer'), cell: (o) => o.ship_to.name ?? '—' },
    { key: 'destination', header: t('orders.columns.destination'), cell: (o) => [o.ship_to.city, o.ship_to.state, o.ship_to.postal_code].filter(Boolean).join(' ') },
    { key: 'status', header: t('orders.columns.status'), cell: (o) => <StatusBadge status={o.status} /> },
    { key: 'service', header: t('orders.columns.service'), cell: (o) => decisionOf(o)?.chosen?.name.replace(/\s*\(sample[^)]*\)$/, '') ?? '—' },
    { key: 'value', header: t('orders.columns.value'), cell: (o) => money(o.order_value, lang) },
    { key: 'created', header: t('orders.columns.created'), cell: (o) => <Text size="sm">{dateTime(o.created_at, lang)}</Text> },
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('orders.title')}</Title>
        <Select
          label={t('orders.status')}
          w={220}
          value={status ?? 'all'}
          onChange={(v) => {
            // A selection belongs to the orders on screen: another filter starts a new one.
            setSelected(new Set());
            set({ status: v && v !== 'all' ? v : undefined, cursor: undefined });
          }}
          data={[{ value: 'all', label: t('orders.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))]}
          allowDeselect={false}
        />
      </Group>
      <ErrorNote error={list.error} />
      <BatchBar selected={[...selected]} canWrite={canWrite} onDone={() => setSelected(new Set())} />
      <DataTable
        selection={canWrite ? { selected, set: setSelected, label: (o) => o.external_id } : undefined}
        caption={t('orders.title')}
        rows={list.data?.data ?? []}
        columns={columns}
        empty={t('orders.empty')}
        loading={list.isFetching}
        nextCursor={list.data?.next_cursor ?? null}
        onNext={() => set({ cursor: list.data?.next_cursor ?? undefined })}
        onFirst={cursor ? () => set({ cursor: undefined }) : undefined}
      />
    </Stack>
  );
}
