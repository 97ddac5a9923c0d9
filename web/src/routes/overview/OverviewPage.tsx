import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOverview, useWeeklyKpis } from '../../api/kpis';
import { ORDER_STATUSES } from '../../api/orders';
import { ChartCard } from '../../components/Chart';
import { ErrorNote } from '../../components/ErrorNote';
import { date, money, percent } from '../../format';
import { localeOf } from '../../i18n';

function Stat({ label, value, to, testId }: { label: string; value: string; to?: string; testId: string }) {
  return (
    <Card withBorder data-testid={testId}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz={28} fw={700}>{to ? <Anchor component={Link} to={to} inherit c="dark.9">{value}</Anchor> : value}</Text>
    </Card>
  );
}

/** The overview: the queue now, today's orders and labels, open cases, and cost and on-time over the last weeks. */
export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const o = useOverview();
  const weekly = useWeeklyKpis({ weeks: 8, by: 'all' });
  const n = new Intl.NumberFormat(localeOf(lang));
  const ov = o.data;
  const today = ov ? Object.values(ov.orders_since).reduce((a, b) => a + b, 0) : 0;
  const waiting = ov ? (ov.orders_by_status['address_review'] ?? 0) + (ov.orders_by_status['ready'] ?? 0) : 0;
  const byState = ORDER_STATUSES.filter((s) => s !== 'cancelled' && s !== 'delivered').map((s) => ({ state: t(`orders.statuses.${s}`), orders: ov?.orders_by_status[s] ?? 0 }));
  const weeks = (weekly.data?.weeks ?? []).map((w) => {
    const k = w.kpis[0];
    return { week: date(w.week, lang), cost: k?.cost_per_parcel ? k.cost_per_parcel.amount / 100 : null, currency: k?.cost_per_parcel?.currency ?? null, onTime: k?.on_time_rate != null ? Math.round(k.on_time_rate * 1000) / 10 : null, shipments: k?.shipments ?? 0 };
  });
  const currency = weeks.find((w) => w.currency)?.currency ?? 'USD';
  const noShipments = weeks.every((w) => w.shipments === 0);
  return (
    <Stack>
      <Title order={2}>{t('overview.title')}</Title>
      <ErrorNote error={o.error ?? weekly.error} />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat testId="stat-today" label={t('overview.ordersToday')} value={ov ? n.format(today) : '—'} to="/orders" />
        <Stat testId="stat-waiting" label={t('overview.waiting')} value={ov ? n.format(waiting) : '—'} to="/orders?status=ready" />
        <Stat testId="stat-labels" label={t('overview.labelsToday')} value={ov ? n.format(ov.labels_since.packages) : '—'} />
        <Stat testId="stat-cases" label={t('overview.openCases')} value={ov ? n.format(ov.open_cases) : '—'} to="/exceptions" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <ChartCard title={t('overview.queue')} empty={t('overview.noOrders')} isEmpty={!ov || byState.every((x) => x.orders === 0)}
          label={byState.map((x) => `${x.state}: ${x.orders}`).join(', ')}>
          <BarChart h={240} data={byState} dataKey="state" orientation="vertical" yAxisProps={{ width: 110 }} gridAxis="none" series={[{ name: 'orders', label: t('overview.orders'), color: 'blue.8' }]} valueFormatter={(v) => n.format(v)} tickLine="none" />
        </ChartCard>
        <ChartCard title={t('overview.costPerParcel')} empty={t('overview.noShipments')} isEmpty={noShipments}
          label={weeks.map((w) => `${w.week}: ${w.cost === null ? '—' : money({ amount: Math.round(w.cost * 100), currency }, lang)}`).join(', ')}>
          <LineChart h={220} data={weeks} dataKey="week" series={[{ name: 'cost', label: t('overview.costPerParcel'), color: 'teal.8' }]} connectNulls
            valueFormatter={(v) => money({ amount: Math.round(v * 100), currency }, lang)} tickLine="none" />
        </ChartCard>
        <ChartCard title={t('overview.onTime')} empty={noShipments ? t('overview.noShipments') : t('overview.noDeliveries')} isEmpty={weeks.every((w) => w.onTime === null)}
          label={weeks.map((w) => `${w.week}: ${w.onTime === null ? '—' : percent(w.onTime / 100, lang)}`).join(', ')}>
          <LineChart h={220} data={weeks} dataKey="week" series={[{ name: 'onTime', label: t('overview.onTime'), color: 'grape.8' }]} connectNulls yAxisProps={{ domain: [0, 100] }}
            valueFormatter={(v) => percent(v / 100, lang)} tickLine="none" />
        </ChartCard>
      </SimpleGrid>
      {ov && <Text size="xs" c="dimmed">{t('overview.since', { today: date(ov.today, lang), tz: ov.time_zone })}</Text>}
    </Stack>
  );
}
