import { Badge, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../../.generated/schema';
import { api, unwrap } from '../../api/client';
import { ErrorNote } from '../../components/ErrorNote';
import { money } from '../../format';
import { RateCardCheck } from './RateCardCheck';

type QuoteRequest = paths['/v1/rates']['post']['requestBody']['content']['application/json'];
type Quote = paths['/v1/rates']['post']['responses'][200]['content']['application/json'];

const num = (v: number | string) => (typeof v === 'number' ? v : Number(v));

/** Every service side by side for a parcel between two postal codes: no order or full address needed. */
export function RateCalculatorPage() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState('91761');
  const [to, setTo] = useState('');
  const [fromCountry, setFromCountry] = useState('US');
  const [toCountry, setToCountry] = useState('US');
  const [residential, setResidential] = useState(true);
  const [count, setCount] = useState<number | string>(1);
  const [weight, setWeight] = useState<number | string>(2);
  const [weightUnit, setWeightUnit] = useState<'lb' | 'kg' | 'oz' | 'g'>('lb');
  const [dims, setDims] = useState<[number | string, number | string, number | string]>(['', '', '']);
  const [dimUnit, setDimUnit] = useState<'in' | 'cm'>('in');
  const quote = useMutation({ mutationFn: (body: QuoteRequest) => unwrap(api.POST('/v1/rates', { body })) });
  const lang = i18n.language;
  const submit = () => {
    const hasDims = dims.every((d) => num(d) > 0);
    const pkg = { weight: { value: num(weight), unit: weightUnit }, dimensions: hasDims ? { length: num(dims[0]), width: num(dims[1]), height: num(dims[2]), unit: dimUnit } : null };
    quote.mutate({ from: { country: fromCountry.trim().toUpperCase(), postal_code: from.trim() }, to: { country: toCountry.trim().toUpperCase(), postal_code: to.trim() }, packages: Array.from({ length: Math.max(1, Math.min(50, num(count) || 1)) }, () => pkg), options: { residential } });
  };
  const data: Quote | undefined = quote.data;
  const eligible = (data?.services ?? []).flatMap((s) => (s.eligible ? [s] : []));
  const withDiscounts = eligible.some((s) => s.packages.some((p) => (p.discounts ?? []).length > 0));
  const ineligible = (data?.services ?? []).flatMap((s) => (!s.eligible ? [s] : []));
  return (
    <Stack>
      <Title order={2}>{t('rates.title')}</Title>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('rates.fromCountry')} required w={90} maxLength={2} value={fromCountry} onChange={(e) => setFromCountry(e.currentTarget.value)} />
          <TextInput label={t('rates.from')} required w={120} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label={t('rates.toCountry')} required w={90} maxLength={2} value={toCountry} onChange={(e) => setToCountry(e.currentTarget.value)} />
          <TextInput label={t('rates.to')} required w={120} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <NumberInput label={t('rates.packages')} min={1} max={50} w={100} value={count} onChange={setCount} />
          <NumberInput label={t('rates.weight')} required min={0.01} decimalScale={2} w={110} value={weight} onChange={setWeight} />
          <NativeSelect label={t('rates.weightUnit')} w={80} value={weightUnit} onChange={(e) => setWeightUnit(e.currentTarget.value as typeof weightUnit)} data={['lb', 'kg', 'oz', 'g']} />
          {(['length', 'width', 'height'] as const).map((side, i) => (
            <NumberInput key={side} label={t(`rates.${side}`)} min={0} decimalScale={1} w={90} value={dims[i] ?? ""}
              onChange={(v) => setDims((d) => d.map((x, j) => (j === i ? v : x)) as typeof d)} />
          ))}
          <NativeSelect label={t('rates.dimUnit')} w={80} value={dimUnit} onChange={(e) => setDimUnit(e.currentTarget.value as typeof dimUnit)} data={['in', 'cm']} />
          <Checkbox label={t('rates.residential')} checked={residential} onChange={(e) => setResidential(e.currentTarget.checked)} mb={8} />
          <Button type="submit" loading={quote.isPending}>{t('rates.quote')}</Button>
        </Group>
      </form>
      <Text size="sm" c="dimmed">{t('rates.hint')}</Text>
      <ErrorNote error={quote.error} />
      {data && (
        <>
          <Text size="sm">{t('rates.summary', { from: data.from, to: data.to, date: data.ship_date })}</Text>
          {data.warnings.map((w) => <Text key={w} size="sm" c="orange.9">{w}</Text>)}
          {eligible.length > 0 && <Table striped verticalSpacing="xs" data-testid="rate-table">
            <caption style={{ position: 'absolute', left: -10000 }}>{t('rates.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('rates.service')}</Table.Th><Table.Th scope="col">{t('rates.zone')}</Table.Th><Table.Th scope="col">{t('rates.transit')}</Table.Th>
                <Table.Th scope="col">{t('rates.billable')}</Table.Th><Table.Th scope="col">{t('rates.base')}</Table.Th><Table.Th scope="col">{t('rates.surcharges')}</Table.Th>
                {withDiscounts && <Table.Th scope="col">{t('rates.discounts')}</Table.Th>}
                <Table.Th scope="col">{t('rates.fuel')}</Table.Th><Table.Th scope="col">{t('rates.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {eligible.map((s, i) => {
                const sum = (f: (p: (typeof s.packages)[number]) => { amount: number; currency: string }) => ({ amount: s.packages.reduce((n, p) => n + f(p).amount, 0), currency: s.total.currency });
                const surcharges = new Map<string, { label: string; amount: number; currency: string }>();
                for (const p of s.packages) for (const x of p.surcharges) {
                  const e = surcharges.get(x.code) ?? { label: x.label, amount: 0, currency: x.amount.currency };
                  e.amount += x.amount.amount;
                  surcharges.set(x.code, e);
                }
                const discounts = new Map<string, { label: string; amount: number; currency: string }>();
                for (const p of s.packages) for (const x of p.discounts ?? []) {
                  const e = discounts.get(x.label) ?? { label: x.label, amount: 0, currency: x.amount.currency };
                  e.amount += x.amount.amount;
                  discounts.set(x.label, e);
                }
                return (
                  <Table.Tr key={s.card}>
                    <Table.Td><Text size="sm" fw={600}>{s.name}</Text><Group gap={4}><Text size="xs" c="dimmed">{s.carrier.toUpperCase()} · {s.card}</Text>{i === 0 && <Badge size="xs" variant="light" c="dark.9" color="green">{t('rates.cheapest')}</Badge>}{s.sample && <Badge size="xs" variant="light" c="dark.9" color="gray">{t('rates.sample')}</Badge>}</Group></Table.Td>
                    <Table.Td>{s.zone}{s.zone_source === 'estimated' ? '*' : ''}</Table.Td>
                    <Table.Td>{s.transit_days === null ? '—' : t('rates.days', { count: s.transit_days })}</Table.Td>
                    <Table.Td>{s.packages.map((p) => `${p.billable_weight.value} ${p.billable_weight.unit}`).join(' + ')}</Table.Td>
                    <Table.Td>{money(sum((p) => p.base), lang)}</Table.Td>
                    <Table.Td>{surcharges.size === 0 ? '—' : [...surcharges.values()].map((x) => <Text key={x.label} size="xs">{x.label} {money(x, lang)}</Text>)}</Table.Td>
                    {withDiscounts && <Table.Td>{discounts.size === 0 ? '—' : [...discounts.values()].map((x) => <Text key={x.label} size="xs" c="green.9">{x.label} −{money(x, lang)}</Text>)}</Table.Td>}
                    <Table.Td>{money(sum((p) => p.fuel.amount), lang)}</Table.Td>
                    <Table.Td><Text fw={700} size="sm">{money(s.total, lang)}</Text></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>}
          {eligible.some((s) => s.zone_source === 'estimated') && <Text size="xs" c="dimmed">{t('rates.estimatedZone')}</Text>}
          {ineligible.length > 0 && (
            <Stack gap={2} data-testid="rate-ineligible">
              <Text fw={600} size="sm">{t('rates.ineligible')}</Text>
              {ineligible.map((s) => <Text key={s.card} size="sm">{s.name}: {s.reason}</Text>)}
            </Stack>
          )}
        </>
      )}
      <RateCardCheck />
    </Stack>
  );
}
