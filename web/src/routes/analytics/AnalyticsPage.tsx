import { BarChart, LineChart } from '@mantine/charts';
import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCarrierKpis, useWeeklyKpis, type CarrierKpi } from '../../api/kpis';
import { ChartCard } from '../../components/Chart';
import { ErrorNote } from '../../components/ErrorNote';
import { date, money, percent } from '../../format';
import { localeOf } from '../../i18n';

const COLOURS = ['blue.8', 'orange.8', 'teal.8', 'grape.8', 'red.8', 'cyan.8', 'violet.8', 'lime.9'];
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The KPIs as a CSV file (one row per service), with the figures as numbers, not formatted. */
export function kpisCsv(rows: readonly CarrierKpi[]): string {
  const head = ['carrier', 'card', 'service_name', 'shipments', 'packages', 'delivered', 'in_flight', 'lost', 'returned', 'on_time_rate', 'first_attempt_rate', 'loss_rate', 'return_rate', 'cost_per_parcel_amount', 'cost_per_parcel_currency', 'avg_transit_days'];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = rows.map((k) => [k.carrier, k.card, k.service_name, k.shipments, k.packages, k.delivered, k.in_flight, k.lost, k.returned, k.on_time_rate, k.first_attempt_rate, k.loss_rate, k.return_rate,
    k.cost_per_parcel ? (k.cost_per_parcel.amount / 100).toFixed(2) : null, k.cost_per_parcel?.currency, k.avg_transit_days].map(cell).join(','));
  return [head.join(','), ...lines].join('\n') + '\n';
}

/** Carrier KPIs by service over a period, as charts and a table, with a CSV export; on-time week by week per carrier. */
export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // No period chosen: the server's last 30 days (its clock, not the browser's), shown in the inputs.
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const kpis = useCarrierKpis(period);
  const from = period.from ?? (kpis.data ? kpis.data.from.slice(0, 10) : '');
  const to = period.to ?? (kpis.data ? day(Date.parse(kpis.data.to) - 1) : '');
  const weekly = useWeeklyKpis({ weeks: 12, by: 'carrier' });
  const rows = kpis.data?.carriers ?? [];
  const pct = (v: number | null) => (v === null ? '—' : percent(v, lang));
  const n = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 });
  const carriers = [...new Set((weekly.data?.weeks ?? []).flatMap((w) => w.kpis.map((k) => k.carrier)))].sort();
  const trend = (weekly.data?.weeks ?? []).map((w) => ({ week: date(w.week, lang), ...Object.fromEntries(w.kpis.map((k) => [k.carrier, k.on_time_rate === null ? null : Math.round(k.on_time_rate * 1000) / 10])) }));
  const byService = rows.map((k) => ({ service: k.service_name.replace(/\s*\(sample[^)]*\)$/, ''), onTime: k.on_time_rate === null ? 0 : Math.round(k.on_time_rate * 1000) / 10, cost: k.cost_per_parcel ? k.cost_per_parcel.amount / 100 : 0 }));
  const currency = rows.find((k) => k.cost_per_parcel)?.cost_per_parcel?.currency ?? 'USD';
  const download = () => {
    const url = URL.createObjectURL(new Blob([kpisCsv(rows)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `carrier-kpis-${from}-${to}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Stack>
      <Title order={2}>{t('analytics.title')}</Title>
      <Group align="flex-end">
        <TextInput type="date" label={t('analytics.from')} value={from} onChange={(e) => { const v = e.currentTarget.value; if (v) setPeriod({ from: v, to }); }} w={170} />
        <TextInput type="date" label={t('analytics.to')} value={to} onChange={(e) => { const v = e.currentTarget.value; if (v) setPeriod({ from, to: v }); }} w={170} />
        <Button variant="default" onClick={download} disabled={rows.length === 0}>{t('analytics.csv')}</Button>
      </Group>
      <ErrorNote error={kpis.error ?? weekly.error} />
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <ChartCard title={t('analytics.onTimeByService')} empty={t('analytics.empty')} isEmpty={rows.length === 0} label={byService.map((x) => `${x.service}: ${x.onTime} %`).join(', ')}>
          <BarChart h={240} data={byService} dataKey="service" series={[{ name: 'onTime', label: t('analytics.onTime'), color: 'grape.8' }]} yAxisProps={{ domain: [0, 100] }} valueFormatter={(v) => percent(v / 100, lang)} tickLine="none" />
        </ChartCard>
        <ChartCard title={t('analytics.costByService')} empty={t('analytics.empty')} isEmpty={rows.length === 0} label={byService.map((x) => `${x.service}: ${money({ amount: Math.round(x.cost * 100), currency }, lang)}`).join(', ')}>
          <BarChart h={240} data={byService} dataKey="service" series={[{ name: 'cost', label: t('analytics.costPerParcel'), color: 'teal.8' }]} valueFormatter={(v) => money({ amount: Math.round(v * 100), currency }, lang)} tickLine="none" />
        </ChartCard>
        <ChartCard title={t('analytics.onTimeWeekly')} empty={t('analytics.empty')} isEmpty={carriers.length === 0} label={trend.map((w) => `${w.week}: ${carriers.map((c) => `${c} ${(w as Record<string, unknown>)[c] ?? '—'}`).join(', ')}`).join('; ')}>
          <LineChart h={240} data={trend} dataKey="week" connectNulls withLegend yAxisProps={{ domain: [0, 100] }} valueFormatter={(v) => percent(v / 100, lang)} tickLine="none"
            series={carriers.map((c, i) => ({ name: c, label: c.toUpperCase(), color: COLOURS[i % COLOURS.length]! }))} />
        </ChartCard>
      </SimpleGrid>
      <Table striped verticalSpacing="xs" data-testid="kpi-table">
        <caption style={{ position: 'absolute', left: -10000 }}>{t('analytics.title')}</caption>
        <Table.Thead>
          <Table.Tr>
            {['service', 'shipments', 'delivered', 'inFlight', 'onTime', 'firstAttempt', 'loss', 'returns', 'costPerParcel', 'transit'].map((k) => <Table.Th key={k} scope="col">{t(`analytics.${k}`)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((k) => (
            <Table.Tr key={k.card}>
              <Table.Td><Text size="sm" fw={600}>{k.service_name}</Text><Text size="xs" c="dimmed">{k.carrier.toUpperCase()} · {k.card}</Text></Table.Td>
              <Table.Td>{n.format(k.shipments)}</Table.Td>
              <Table.Td>{n.format(k.delivered)}</Table.Td>
              <Table.Td>{n.format(k.in_flight)}</Table.Td>
              <Table.Td>{pct(k.on_time_rate)}</Table.Td>
              <Table.Td>{pct(k.first_attempt_rate)}</Table.Td>
              <Table.Td>{pct(k.loss_rate)}</Table.Td>
              <Table.Td>{pct(k.return_rate)}</Table.Td>
              <Table.Td>{money(k.cost_per_parcel, lang)}</Table.Td>
              <Table.Td>{k.avg_transit_days === null ? '—' : t('rates.days', { count: k.avg_transit_days })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !kpis.isLoading && <Text c="dimmed">{t('analytics.empty')}</Text>}
    </Stack>
  );
}
