import { Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { useCloseManifest, useManifests, useShipments, useVoidShipment, type Shipment } from '../../api/shipments';
import { useWarehouses } from '../../api/warehouses';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { useUrlFilters } from '../../components/useUrlFilters';
import { dateTime, money } from '../../format';

const STATUSES = ['label_pending', 'labeled', 'manifested', 'in_transit', 'delivered', 'exception', 'returning', 'returned', 'cancelled'] as const;
const VOIDABLE = new Set(['draft', 'label_pending', 'labeled', 'exception']);
const colour = (s: string) => (s === 'exception' ? 'red' : s === 'cancelled' ? 'gray' : s === 'delivered' ? 'green' : s === 'labeled' || s === 'manifested' ? 'blue' : 'yellow');

/** Shipments: the labels bought (reprint, void), and the end-of-day manifests per carrier and warehouse. */
export function ShipmentsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, set] = useUrlFilters();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as (typeof STATUSES)[number]) : undefined;
  const batch = params.get('batch_id') ?? undefined;
  const cursor = params.get('cursor') ?? undefined;
  const list = useShipments({ limit: 50, ...(status ? { status } : {}), ...(batch ? { batch_id: batch } : {}), ...(cursor ? { cursor } : {}) });
  const voider = useVoidShipment();
  const manifests = useManifests();
  const close = useCloseManifest();
  const warehouses = useWarehouses();
  const scopes = useSession().data?.scopes ?? [];
  const canWrite = scopes.includes('admin') || scopes.includes('shipments:write');
  const [voiding, setVoiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [mCarrier, setMCarrier] = useState('');
  const [mWarehouse, setMWarehouse] = useState('');
  const whCode = new Map((warehouses.data?.data ?? []).map((w) => [w.id, w.code]));
  const columns: Column<Shipment>[] = [
    { key: 'order', header: t('shipments.order'), cell: (s) => <Anchor component={Link} to={`/orders/${s.order_id}`} size="sm">{s.reference}</Anchor> },
    { key: 'service', header: t('shipments.service'), cell: (s) => <Stack gap={0}><Text size="sm">{s.carrier.toUpperCase()} · {s.service}</Text>{s.sample && <Text size="xs" c="dimmed">{t('shipments.sample')}</Text>}</Stack> },
    { key: 'tracking', header: t('shipments.tracking'), cell: (s) => s.tracking_numbers.length === 0 ? '—' : <Stack gap={0}>{s.tracking_numbers.map((n) => <Anchor key={n} href={`/t/${encodeURIComponent(n)}`} target="_blank" rel="noopener" size="sm">{n}</Anchor>)}</Stack> },
    { key: 'status', header: t('shipments.status'), cell: (s) => <Badge variant="light" c="dark.9" color={colour(s.status)}>{t(`shipments.statuses.${s.status}`, s.status)}</Badge> },
    { key: 'cost', header: t('shipments.cost'), cell: (s) => money(s.cost, lang) },
    { key: 'labeled', header: t('shipments.labeled'), cell: (s) => <Text size="sm">{dateTime(s.labeled_at, lang)}</Text> },
    {
      key: 'actions', header: t('shipments.actions'),
      cell: (s) => (
        <Group gap="xs" wrap="nowrap">
          {s.tracking_numbers.length > 0 && <Button component="a" size="xs" variant="default" href={`/v1/shipments/${s.id}/label?format=pdf`} target="_blank" rel="noopener">{t('shipments.reprint')}</Button>}
          {canWrite && VOIDABLE.has(s.status) && voiding !== s.id && <Button size="xs" color="red.9" variant="outline" onClick={() => { setVoiding(s.id); setReason(''); }}>{t('shipments.void')}</Button>}
          {voiding === s.id && (
            <form onSubmit={(e) => { e.preventDefault(); voider.mutate({ id: s.id, reason: reason.trim() || 'voided from the shipments page' }, { onSuccess: () => setVoiding(null) }); }}>
              <Group gap={4} wrap="nowrap">
                <TextInput size="xs" aria-label={t('shipments.reason')} placeholder={t('shipments.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={150} />
                <Button size="xs" color="red" type="submit" loading={voider.isPending}>{t('shipments.confirmVoid')}</Button>
                <Button size="xs" variant="default" onClick={() => setVoiding(null)}>{t('batch.keep')}</Button>
              </Group>
            </form>
          )}
        </Group>
      ),
    },
  ];
  return (
    <Stack>
      <Title order={2}>{t('shipments.title')}</Title>
      <Group align="flex-end">
        <NativeSelect label={t('shipments.status')} w={180} value={status ?? ''} onChange={(e) => set({ status: e.currentTarget.value })}
          data={[{ value: '', label: t('orders.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`shipments.statuses.${s}`) }))]} />
        {batch && <Button variant="default" onClick={() => set({ batch_id: undefined })}>{t('shipments.allBatches', { batch })}</Button>}
      </Group>
      <ErrorNote error={list.error ?? voider.error} />
      <DataTable caption={t('shipments.title')} rows={list.data?.data ?? []} columns={columns} empty={t('shipments.empty')} loading={list.isFetching}
        nextCursor={list.data?.next_cursor ?? null} onNext={() => set({ cursor: list.data?.next_cursor ?? undefined })} onFirst={cursor ? () => set({ cursor: undefined }) : undefined} />

      <Card withBorder>
        <Title order={3} size="h4" mb="xs">{t('shipments.manifests')}</Title>
        <Text size="sm" c="dimmed" mb="sm">{t('shipments.manifestHint')}</Text>
        {canWrite && (
          <form onSubmit={(e) => { e.preventDefault(); if (mCarrier && mWarehouse) close.mutate({ carrier: mCarrier, warehouse_id: mWarehouse }); }}>
            <Group align="flex-end" mb="sm">
              <TextInput label={t('shipments.carrier')} required w={160} value={mCarrier} onChange={(e) => setMCarrier(e.currentTarget.value)} placeholder="ups" />
              <NativeSelect label={t('truck.warehouse')} required w={180} value={mWarehouse} onChange={(e) => setMWarehouse(e.currentTarget.value)}
                data={[{ value: '', label: '—' }, ...(warehouses.data?.data ?? []).map((w) => ({ value: w.id, label: w.code }))]} />
              <Button type="submit" loading={close.isPending} disabled={!mCarrier || !mWarehouse}>{t('shipments.closeDay')}</Button>
            </Group>
          </form>
        )}
        <ErrorNote error={close.error ?? manifests.error} />
        <Table verticalSpacing="xs" data-testid="manifests">
          <caption style={{ position: 'absolute', left: -10000 }}>{t('shipments.manifests')}</caption>
          <Table.Thead><Table.Tr><Table.Th scope="col">{t('shipments.shipDate')}</Table.Th><Table.Th scope="col">{t('shipments.carrier')}</Table.Th><Table.Th scope="col">{t('truck.warehouse')}</Table.Th><Table.Th scope="col">{t('shipments.count')}</Table.Th><Table.Th scope="col">{t('shipments.cost')}</Table.Th><Table.Th scope="col">{t('shipments.documents')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(manifests.data?.data ?? []).map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.ship_date}</Table.Td>
                <Table.Td>{m.carrier.toUpperCase()}</Table.Td>
                <Table.Td>{whCode.get(m.warehouse_id) ?? m.warehouse_id}</Table.Td>
                <Table.Td>{t('shipments.manifestCount', { shipments: m.summary.shipments, packages: m.summary.packages })}</Table.Td>
                <Table.Td>{money(m.summary.cost, lang)}</Table.Td>
                <Table.Td><Group gap="xs"><Anchor href={`/v1/manifests/${m.id}?format=pdf`} target="_blank" rel="noopener" size="sm">PDF</Anchor><Anchor href={`/v1/manifests/${m.id}?format=csv`} size="sm">CSV</Anchor></Group></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {manifests.data?.data.length === 0 && <Text c="dimmed" size="sm">{t('shipments.noManifests')}</Text>}
      </Card>
    </Stack>
  );
}
