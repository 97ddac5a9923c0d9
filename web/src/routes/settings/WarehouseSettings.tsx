import { ActionIcon, Button, Card, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateWarehouse, useUpdateWarehouse, useWarehouses, type Warehouse, type WarehouseInput } from '../../api/warehouses';
import { useSession } from '../../api/session';
import { ErrorNote } from '../../components/ErrorNote';
import { MoneyInput } from '../../components/MoneyInput';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Box = WarehouseInput['boxes'] extends (infer B)[] | undefined ? B : never;
type Vehicle = NonNullable<WarehouseInput['fleet']>['vehicle_types'][number];

const blank = (): WarehouseInput => ({
  code: '', name: '', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'], pickup_cutoffs: [], has_dock: false, has_liftgate: false,
  address: { line1: '', city: '', state: '', postal_code: '', country: 'US' }, boxes: [], fleet: { vehicle_types: [] },
});
const newBox = (currency: string): Box => ({ id: '', type: 'box', inner: { length: 12, width: 10, height: 8, unit: 'in' }, tare_weight: { value: 0.5, unit: 'lb' }, max_weight: { value: 40, unit: 'lb' }, cost: { amount: 0, currency }, available: true });
const newVehicle = (): Vehicle => ({ code: '', count: 1, capacity: { weight: { value: 2000, unit: 'kg' } }, shift: { start: '08:00', end: '17:00' }, skills: [] });
/** What the form edits: the warehouse as the API takes it (its ids and dates left out). */
const draftOf = (w: Warehouse): WarehouseInput => {
  const { id: _i, created_at: _c, updated_at: _u, ...rest } = w;
  return rest as WarehouseInput;
};

/** One warehouse as a form: address, days and cut-offs, boxes and trucks; saved whole with PATCH (or POST when new). */
function WarehouseForm({ initial, id, currency, onDone }: { initial: WarehouseInput; id: string | null; currency: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [w, setW] = useState<WarehouseInput>(initial);
  const create = useCreateWarehouse();
  const update = useUpdateWarehouse();
  const set = (x: Partial<WarehouseInput>) => setW({ ...w, ...x });
  const addr = (x: Partial<WarehouseInput['address']>) => set({ address: { ...w.address, ...x } });
  const cutoffs = w.pickup_cutoffs ?? [];
  const boxes = w.boxes ?? [];
  const vehicles = w.fleet?.vehicle_types ?? [];
  const setBox = (i: number, b: Partial<Box>) => set({ boxes: boxes.map((x, k) => (k === i ? { ...x, ...b } : x)) });
  const setVehicle = (i: number, v: Partial<Vehicle>) => set({ fleet: { vehicle_types: vehicles.map((x, k) => (k === i ? { ...x, ...v } : x)) } });
  const pending = create.isPending || update.isPending;
  const save = () => {
    const body = { ...w, address: { ...w.address, country: w.address.country.trim().toUpperCase() } };
    if (id) update.mutate({ id, body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };
  const n = (v: string | number) => (v === '' ? 0 : Number(v));
  return (
    <Card withBorder data-testid="warehouse-form">
      <form onSubmit={(e) => { e.preventDefault(); save(); }}>
        <Stack gap="sm">
          <Title order={4} size="h5">{id ? t('settings.editWarehouse', { code: w.code }) : t('settings.newWarehouse')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('settings.whCode')} required disabled={!!id} value={w.code} onChange={(e) => set({ code: e.currentTarget.value })} />
            <TextInput label={t('settings.whName')} required value={w.name} onChange={(e) => set({ name: e.currentTarget.value })} />
            <TextInput label={t('settings.timezone')} required value={w.timezone} onChange={(e) => set({ timezone: e.currentTarget.value })} description="America/Los_Angeles" />
            <TextInput label={t('address.fields.line1')} required value={w.address.line1} onChange={(e) => addr({ line1: e.currentTarget.value })} />
            <TextInput label={t('address.fields.line2')} value={w.address.line2 ?? ''} onChange={(e) => addr({ line2: e.currentTarget.value || null })} />
            <TextInput label={t('address.fields.city')} required value={w.address.city} onChange={(e) => addr({ city: e.currentTarget.value })} />
            <TextInput label={t('address.fields.state')} value={w.address.state ?? ''} onChange={(e) => addr({ state: e.currentTarget.value || null })} />
            <TextInput label={t('address.fields.postal_code')} value={w.address.postal_code ?? ''} onChange={(e) => addr({ postal_code: e.currentTarget.value || null })} />
            <TextInput label={t('address.fields.country')} required maxLength={2} value={w.address.country} onChange={(e) => addr({ country: e.currentTarget.value })} />
          </SimpleGrid>
          <Checkbox.Group label={t('settings.operatingDays')} value={w.operating_days ?? []} onChange={(v) => set({ operating_days: DAYS.filter((d) => v.includes(d)) })}>
            <Group gap="sm" mt={4}>{DAYS.map((d) => <Checkbox key={d} value={d} label={t(`settings.day.${d}`)} />)}</Group>
          </Checkbox.Group>
          <Group>
            <Checkbox label={t('settings.hasDock')} checked={!!w.has_dock} onChange={(e) => set({ has_dock: e.currentTarget.checked })} />
            <Checkbox label={t('settings.hasLiftgate')} checked={!!w.has_liftgate} onChange={(e) => set({ has_liftgate: e.currentTarget.checked })} />
          </Group>

          <Text fw={600} size="sm">{t('settings.cutoffs')}</Text>
          {cutoffs.map((c, i) => (
            <Group key={i} gap="xs" align="flex-end">
              <TextInput size="xs" label={`${t('settings.cutoffCarrier')} ${i + 1}`} value={c.carrier} onChange={(e) => set({ pickup_cutoffs: cutoffs.map((x, k) => (k === i ? { ...x, carrier: e.currentTarget.value } : x)) })} w={120} />
              <TextInput size="xs" type="time" label={`${t('settings.cutoffTime')} ${i + 1}`} value={c.cutoff} onChange={(e) => set({ pickup_cutoffs: cutoffs.map((x, k) => (k === i ? { ...x, cutoff: e.currentTarget.value } : x)) })} w={120} />
              <ActionIcon variant="default" aria-label={`${t('settings.removeRow')} ${t('settings.cutoffs')} ${i + 1}`} onClick={() => set({ pickup_cutoffs: cutoffs.filter((_, k) => k !== i) })}>✕</ActionIcon>
            </Group>
          ))}
          <Group><Button size="xs" variant="default" onClick={() => set({ pickup_cutoffs: [...cutoffs, { carrier: '*', cutoff: '16:00' }] })}>{t('settings.addCutoff')}</Button></Group>

          <Text fw={600} size="sm">{t('settings.boxes')}</Text>
          {boxes.length > 0 && (
            <Table verticalSpacing={4} data-testid="box-rows">
              <Table.Tbody>
                {boxes.map((b, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <Group gap={6} align="flex-end" wrap="wrap">
                        <TextInput size="xs" w={110} label={`${t('settings.boxId')} ${i + 1}`} value={b.id} onChange={(e) => setBox(i, { id: e.currentTarget.value })} />
                        <NativeSelect size="xs" w={120} label={t('settings.boxType')} value={b.type ?? 'box'} onChange={(e) => setBox(i, { type: e.currentTarget.value as 'box' })} data={['box', 'poly_mailer', 'envelope'].map((v) => ({ value: v, label: t(`settings.boxTypes.${v}`) }))} />
                        {(['length', 'width', 'height'] as const).map((k) => (
                          <NumberInput key={k} size="xs" w={70} min={0.1} decimalScale={2} hideControls label={t(`settings.${k}`)} value={b.inner[k]} onChange={(v) => setBox(i, { inner: { ...b.inner, [k]: n(v) } })} />
                        ))}
                        <NativeSelect size="xs" w={70} label={t('settings.unit')} value={b.inner.unit} onChange={(e) => setBox(i, { inner: { ...b.inner, unit: e.currentTarget.value as 'in' } })} data={['in', 'cm', 'mm']} />
                        <NumberInput size="xs" w={80} min={0} decimalScale={3} hideControls label={`${t('settings.tare')} (${b.tare_weight.unit})`} value={b.tare_weight.value} onChange={(v) => setBox(i, { tare_weight: { ...b.tare_weight, value: n(v) } })} />
                        <NumberInput size="xs" w={90} min={0} decimalScale={3} hideControls label={`${t('settings.maxWeight')} (${b.max_weight.unit})`} value={b.max_weight.value} onChange={(v) => setBox(i, { max_weight: { ...b.max_weight, value: n(v) } })} />
                        <MoneyInput size="xs" w={120} label={t('settings.boxCost')} value={b.cost} currency={currency} onChange={(m) => setBox(i, { cost: m ?? { amount: 0, currency: b.cost.currency } })} />
                        <Checkbox size="xs" mb={6} label={t('settings.available')} checked={b.available !== false} onChange={(e) => setBox(i, { available: e.currentTarget.checked })} />
                        <ActionIcon mb={2} variant="default" aria-label={`${t('settings.removeRow')} ${t('settings.boxes')} ${i + 1}`} onClick={() => set({ boxes: boxes.filter((_, k) => k !== i) })}>✕</ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group><Button size="xs" variant="default" onClick={() => set({ boxes: [...boxes, newBox(currency)] })}>{t('settings.addBox')}</Button></Group>

          <Text fw={600} size="sm">{t('settings.fleet')}</Text>
          {vehicles.map((v, i) => (
            <Group key={i} gap={6} align="flex-end" data-testid="vehicle-row">
              <TextInput size="xs" w={100} label={`${t('settings.vehicleCode')} ${i + 1}`} value={v.code} onChange={(e) => setVehicle(i, { code: e.currentTarget.value })} />
              <NumberInput size="xs" w={70} min={1} max={500} hideControls label={t('settings.count')} value={v.count} onChange={(x) => setVehicle(i, { count: n(x) })} />
              <NumberInput size="xs" w={90} min={1} hideControls label={`${t('settings.capacity')} (${v.capacity.weight.unit})`} value={v.capacity.weight.value} onChange={(x) => setVehicle(i, { capacity: { ...v.capacity, weight: { ...v.capacity.weight, value: n(x) } } })} />
              <TextInput size="xs" w={100} type="time" label={t('settings.shiftStart')} value={v.shift.start} onChange={(e) => setVehicle(i, { shift: { ...v.shift, start: e.currentTarget.value } })} />
              <TextInput size="xs" w={100} type="time" label={t('settings.shiftEnd')} value={v.shift.end} onChange={(e) => setVehicle(i, { shift: { ...v.shift, end: e.currentTarget.value } })} />
              <MoneyInput size="xs" w={120} label={t('settings.fixedCost')} value={v.fixed_cost} currency={currency} onChange={(m) => setVehicle(i, { fixed_cost: m })} />
              <MoneyInput size="xs" w={120} label={t('settings.costPerKm')} value={v.cost_per_km} currency={v.fixed_cost?.currency ?? currency} onChange={(m) => setVehicle(i, { cost_per_km: m })} />
              <ActionIcon mb={2} variant="default" aria-label={`${t('settings.removeRow')} ${t('settings.fleet')} ${i + 1}`} onClick={() => set({ fleet: { vehicle_types: vehicles.filter((_, k) => k !== i) } })}>✕</ActionIcon>
            </Group>
          ))}
          <Group><Button size="xs" variant="default" onClick={() => set({ fleet: { vehicle_types: [...vehicles, newVehicle()] } })}>{t('settings.addVehicle')}</Button></Group>

          <ErrorNote error={create.error ?? update.error} />
          <Group>
            <Button type="submit" loading={pending}>{t('settings.saveWarehouse')}</Button>
            <Button variant="default" onClick={onDone}>{t('settings.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The tenant's warehouses: each shown as a card, edited (or a new one added) as a form. */
export function WarehouseSettings() {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  // New boxes and trucks are priced in the tenant's currency.
  const currency = useSession().data?.tenant.currency ?? 'USD';
  const [editing, setEditing] = useState<{ id: string | null; draft: WarehouseInput } | null>(null);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">{t('settings.warehouses')}</Title>
        {!editing && <Button size="xs" variant="default" onClick={() => setEditing({ id: null, draft: blank() })}>{t('settings.addWarehouse')}</Button>}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">{t('settings.warehousesHint')}</Text>
      <ErrorNote error={warehouses.error} />
      {editing && <WarehouseForm key={editing.id ?? 'new'} initial={editing.draft} id={editing.id} currency={currency} onDone={() => setEditing(null)} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="sm">
        {(warehouses.data?.data ?? []).map((w) => (
          <Card key={w.id} withBorder data-testid="warehouse">
            <Group justify="space-between" align="flex-start">
              <Text fw={700}>{w.code} · {w.name}</Text>
              <Button size="xs" variant="default" disabled={!!editing} onClick={() => setEditing({ id: w.id, draft: draftOf(w) })} aria-label={`${t('settings.edit')} ${w.code}`}>{t('settings.edit')}</Button>
            </Group>
            <Text size="sm">{[w.address.line1, w.address.city, w.address.state, w.address.postal_code, w.address.country].filter(Boolean).join(', ')}</Text>
            <Text size="sm" c="dimmed">{w.timezone} · {w.operating_days.map((d) => t(`settings.day.${d}`)).join(' ')}</Text>
            <Text size="sm">{t('settings.cutoffs')}: {w.pickup_cutoffs.length ? w.pickup_cutoffs.map((c) => `${c.carrier} ${c.cutoff}`).join(', ') : '—'}</Text>
            <Text size="sm">{t('settings.boxes')}: {w.boxes.length ? w.boxes.map((b) => b.id).join(', ') : '—'}</Text>
            <Text size="sm">{t('settings.fleet')}: {w.fleet.vehicle_types.length ? w.fleet.vehicle_types.map((v) => `${v.count} × ${v.code}`).join(', ') : '—'}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Card>
  );
}
