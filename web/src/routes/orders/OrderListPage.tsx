import { Anchor, Button, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRateCards } from '../../api/carriers';
import { decisionOf, DECISION_MODES, ORDER_STATUSES, orderQueryFromUrl, useOrders, type Order } from '../../api/orders';
import { useSession } from '../../api/session';
import { useWarehouses } from '../../api/warehouses';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { StatusBadge } from '../../components/StatusBadge';
import { useUrlFilters } from '../../components/useUrlFilters';
import { dateTime, money } from '../../format';
import { BatchBar } from './BatchBar';

/** The order queue: search and filters (all in the URL, so a view can be bookmarked), newest first, a page at a time. */
export function OrderListPage() {
  const { t, i18n } = useTranslation();
  const [params, setFilter] = useUrlFilters();
  const query = orderQueryFromUrl(params);
  const list = useOrders(query);
  const warehouses = useWarehouses();
  // The carriers of the tenant's rate cards, for the carrier filter.
  const cards = useRateCards();
  const carriers = [...new Set((cards.data?.data ?? []).map((c) => c.carrier))].sort();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState(params.get('q') ?? '');
  const scopes = useSession().data?.scopes ?? [];
  const canWrite = scopes.includes('admin') || (scopes.includes('orders:write') && scopes.includes('shipments:write'));
  const set = (next: Record<string, string | null | undefined>) => {
    // A selection belongs to the orders on screen: another filter starts a new one.
    if (!('cursor' in next)) setSelected(new Set());
    setFilter(next);
  };
  const filtered = ['status', 'q', 'warehouse_id', 'mode', 'carrier', 'from', 'to'].some((k) => params.get(k));
  const lang = i18n.language;
  const columns: Column<Order>[] = [
    { key: 'order', header: t('orders.columns.order'), cell: (o) => <Anchor component={Link} to={`/orders/${o.id}`}>{o.external_id}</Anchor> },
    { key: 'customer', header: t('orders.columns.customer'), cell: (o) => o.ship_to.name ?? '—' },
    { key: 'destination', header: t('orders.columns.destination'), cell: (o) => [o.ship_to.city, o.ship_to.state, o.ship_to.postal_code].filter(Boolean).join(' ') },
    { key: 'status', header: t('orders.columns.status'), cell: (o) => <StatusBadge status={o.status} /> },
    { key: 'service', header: t('orders.columns.service'), cell: (o) => decisionOf(o)?.chosen?.name.replace(/\s*\(sample[^)]*\)$/, '') ?? '—' },
    { key: 'value', header: t('orders.columns.value'), cell: (o) => money(o.order_value, lang) },
    { key: 'created', header: t('orders.columns.created'), cell: (o) => dateTime(o.created_at, lang) },
  ];
  const any = { value: '', label: t('orders.all') };
  return (
    <Stack>
      <Title order={2}>{t('orders.title')}</Title>
      <Group align="flex-end" gap="sm">
        <form role="search" onSubmit={(e) => { e.preventDefault(); set({ q: search.trim() }); }}>
          <TextInput label={t('orders.search')} placeholder={t('orders.searchHint')} w={260} value={search} onChange={(e) => setSearch(e.currentTarget.value)}
            onBlur={() => search.trim() !== (params.get('q') ?? '') && set({ q: search.trim() })} />
        </form>
        <NativeSelect label={t('orders.status')} w={170} value={params.get('status') ?? ''} onChange={(e) => set({ status: e.currentTarget.value })}
          data={[any, ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))]} />
        <NativeSelect label={t('orders.warehouse')} w={170} value={params.get('warehouse_id') ?? ''} onChange={(e) => set({ warehouse_id: e.currentTarget.value })}
          data={[any, ...(warehouses.data?.data ?? []).map((w) => ({ value: w.id, label: w.code }))]} />
        <NativeSelect label={t('orders.mode')} w={130} value={params.get('mode') ?? ''} onChange={(e) => set({ mode: e.currentTarget.value })}
          data={[any, ...DECISION_MODES.map((m) => ({ value: m, label: t(`orders.modes.${m}`) }))]} />
        <NativeSelect label={t('orders.carrier')} w={140} value={params.get('carrier') ?? ''} onChange={(e) => set({ carrier: e.currentTarget.value })}
          data={[any, ...carriers.map((c) => ({ value: c, label: c.toUpperCase() }))]} />
        <TextInput label={t('orders.from')} type="date" w={150} value={params.get('from') ?? ''} onChange={(e) => set({ from: e.currentTarget.value })} />
        <TextInput label={t('orders.to')} type="date" w={150} value={params.get('to') ?? ''} onChange={(e) => set({ to: e.currentTarget.value })} />
        {filtered && <Button variant="default" onClick={() => { setSearch(''); set({ status: null, q: null, warehouse_id: null, mode: null, carrier: null, from: null, to: null }); }}>{t('orders.clear')}</Button>}
      </Group>
      <ErrorNote error={list.error} />
      <BatchBar selected={[...selected]} canWrite={canWrite} onDone={() => setSelected(new Set())} />
      <DataTable
        selection={canWrite ? { selected, set: setSelected, label: (o) => o.external_id } : undefined}
        caption={t('orders.title')}
        rows={list.data?.data ?? []}
        columns={columns}
        empty={filtered ? t('orders.emptyFiltered') : t('orders.empty')}
        loading={list.isFetching}
        nextCursor={list.data?.next_cursor ?? null}
        onNext={() => set({ cursor: list.data?.next_cursor ?? undefined })}
        onFirst={query.cursor ? () => set({ cursor: undefined }) : undefined}
      />
    </Stack>
  );
}
