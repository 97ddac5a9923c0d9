import { Anchor, Badge, Button, Group, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { useCreateTruckPlan, useTruckPlans, type TruckPlanSummary } from '../../api/truckPlans';
import { useWarehouses } from '../../api/warehouses';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { date, dateTime } from '../../format';

export const stateColour = (s: string) => (s === 'succeeded' ? 'green' : s === 'failed' ? 'red' : 'blue');

/** Tomorrow in the browser's calendar, the usual day to plan. */
const tomorrow = () => {
  const d = new Date(Date.now() + 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Truck plans: create one for a warehouse and day, and the plans made so far. */
export function TruckPlansPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const cursor = params.get('cursor') ?? undefined;
  const plans = useTruckPlans({ limit: 50, ...(cursor ? { cursor } : {}) });
  const warehouses = useWarehouses();
  const create = useCreateTruckPlan();
  const navigate = useNavigate();
  const me = useSession().data;
  const canPlan = !!me && (me.scopes.includes('admin') || me.scopes.includes('routing:write'));
  const [warehouse, setWarehouse] = useState<string | null>(null);
  const [day, setDay] = useState(tomorrow);
  const [seconds, setSeconds] = useState<number | string>(10);
  const whName = new Map((warehouses.data?.data ?? []).map((w) => [w.id, `${w.code} · ${w.name}`]));
  const columns: Column<TruckPlanSummary>[] = [
    { key: 'id', header: t('truck.plan'), cell: (p) => <Anchor component={Link} to={`/truck-plans/${p.id}`} size="sm">{p.id}</Anchor> },
    { key: 'warehouse', header: t('truck.warehouse'), cell: (p) => whName.get(p.warehouse_id) ?? p.warehouse_id },
    { key: 'date', header: t('truck.date'), cell: (p) => date(p.date, i18n.language) },
    { key: 'state', header: t('truck.state'), cell: (p) => <Badge variant="light" c="dark.9" color={stateColour(p.state)}>{t(`batch.state.${p.state}`, p.state)}</Badge> },
    { key: 'totals', header: t('truck.totals'), cell: (p) => (p.totals ? t('truck.totalsLine', { planned: p.totals.planned, orders: p.totals.orders, vehicles: p.totals.vehicles, km: p.totals.distance_km.toLocaleString(i18n.language) }) : '—') },
    { key: 'created', header: t('truck.created'), cell: (p) => dateTime(p.created_at, i18n.language) },
  ];
  const submit = () => {
    if (!warehouse) return;
    create.mutate(
      { warehouse_id: warehouse, date: day, time_limit_seconds: Number(seconds) || 10 },
      { onSuccess: (r) => navigate(`/truck-plans/${r.id}`) },
    );
  };
  return (
    <Stack>
      <Title order={2}>{t('truck.title')}</Title>
      {canPlan && (
        <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Group align="flex-end">
            <Select label={t('truck.warehouse')} required w={260} value={warehouse} onChange={setWarehouse}
              data={(warehouses.data?.data ?? []).filter((w) => w.fleet.vehicle_types.length > 0).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))} />
            <TextInput label={t('truck.date')} type="date" required value={day} onChange={(e) => setDay(e.currentTarget.value)} w={170} />
            <NumberInput label={t('truck.timeLimit')} min={1} max={300} value={seconds} onChange={setSeconds} w={150} />
            <Button type="submit" disabled={!warehouse} loading={create.isPending}>{t('truck.create')}</Button>
          </Group>
        </form>
      )}
      <ErrorNote error={create.error ?? plans.error} />
      <DataTable caption={t('truck.title')} rows={plans.data?.data ?? []} columns={columns} empty={t('truck.empty')} loading={plans.isFetching}
        nextCursor={plans.data?.next_cursor ?? null}
        onNext={() => setParams({ cursor: plans.data?.next_cursor ?? '' })} onFirst={cursor ? () => setParams({}) : undefined} />
    </Stack>
  );
}
