import { Alert, Badge, Button, Card, Grid, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAcceptAddress, useCarrierAddressCheck, useFixAddress, type Order } from '../../api/orders';
import { ErrorNote } from '../../components/ErrorNote';

const FIELDS = ['line1', 'line2', 'city', 'state', 'postal_code'] as const;
type Field = (typeof FIELDS)[number];

/** The address check: its issues, what the validator suggests next to what was entered, and the fix in place. */
export function AddressPanel({ order, canWrite }: { order: Order; canWrite: boolean }) {
  const { t } = useTranslation();
  const check = order.address_check;
  const fix = useFixAddress(order.id);
  const accept = useAcceptAddress(order.id);
  const online = useCarrierAddressCheck(order.id);
  const initial = Object.fromEntries(FIELDS.map((f) => [f, order.ship_to[f] ?? ''])) as Record<Field, string>;
  const [form, setForm] = useState(initial);
  const [reason, setReason] = useState('');
  if (!check) return null;
  const std = check.standardized as Record<string, string | null>;
  const suggested = Object.fromEntries(FIELDS.map((f) => [f, std[f] ?? ''])) as Record<Field, string>;
  const differs = FIELDS.filter((f) => (suggested[f] ?? '') !== (initial[f] ?? '') && suggested[f] !== '');
  const problems = check.issues.filter((i) => i.severity !== 'info');
  const fieldError = (f: Field) => (fix.error instanceof ApiError ? fix.error.problem.errors.find((e) => e.path === `ship_to.${f}`)?.message : undefined);
  const save = () => fix.mutate({ ...order.ship_to, ...Object.fromEntries(FIELDS.map((f) => [f, form[f] === '' ? null : form[f]])), line1: form.line1 } as Order['ship_to']);
  return (
    <Card withBorder data-testid="address-check">
      <Group justify="space-between">
        <Title order={3} size="h5">{t('address.title')}</Title>
        <Badge variant="light" c="dark.9" color={check.verdict === 'valid' ? 'green' : check.verdict === 'invalid' ? 'red' : 'orange'}>{t(`address.verdict.${check.verdict}`, check.verdict)}</Badge>
      </Group>
      {problems.length > 0 && (
        <List size="sm" mt="xs">{problems.map((i) => <List.Item key={i.code + i.field}><b>{i.field}</b>: {i.message}{i.suggestion ? ` (${t('address.suggested')}: ${i.suggestion})` : ''}</List.Item>)}</List>
      )}
      {differs.length > 0 && (
        <Table mt="sm" data-testid="address-diff">
          <Table.Thead><Table.Tr><Table.Th scope="col">{t('address.field')}</Table.Th><Table.Th scope="col">{t('address.entered')}</Table.Th><Table.Th scope="col">{t('address.suggested')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {differs.map((f) => (
              <Table.Tr key={f}>
                <Table.Td>{t(`address.fields.${f}`)}</Table.Td>
                <Table.Td><del>{initial[f] || '—'}</del></Table.Td>
                <Table.Td><ins>{suggested[f]}</ins></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && (order.status === 'address_review' || problems.length > 0) && (
        <Stack mt="sm" gap="xs">
          <Grid>
            {FIELDS.map((f) => (
              <Grid.Col key={f} span={{ base: 12, sm: f === 'line1' || f === 'line2' ? 6 : 4 }}>
                <TextInput label={t(`address.fields.${f}`)} value={form[f]} onChange={(e) => { const v = e.currentTarget.value; setForm((x) => ({ ...x, [f]: v })); }} error={fieldError(f)} />
              </Grid.Col>
            ))}
          </Grid>
          <Group>
            {differs.length > 0 && <Button variant="default" size="xs" onClick={() => setForm({ ...form, ...Object.fromEntries(differs.map((f) => [f, suggested[f]])) })}>{t('address.useSuggestion')}</Button>}
            <Button size="xs" onClick={save} loading={fix.isPending}>{t('address.save')}</Button>
          </Group>
          <ErrorNote error={fix.error && !FIELDS.some((f) => fieldError(f)) ? fix.error : null} />
          {order.status === 'address_review' && (
            <Group align="flex-end">
              <TextInput label={t('address.acceptReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={360} />
              <Button size="xs" variant="default" disabled={reason.trim().length < 3} onClick={() => accept.mutate(reason)} loading={accept.isPending}>{t('address.accept')}</Button>
            </Group>
          )}
          <ErrorNote error={accept.error} />
        </Stack>
      )}
      {check.carrier && (
        <Text size="sm" mt="xs" data-testid="carrier-check">
          {t('address.carrierCheck', { carrier: check.carrier.carrier === 'fedex' ? 'FedEx' : check.carrier.carrier.toUpperCase(), verdict: t(`address.carrierVerdict.${check.carrier.verdict}`), type: check.carrier.classification ? t(`order.addressType.${check.carrier.classification}`) : '—' })}
          {check.carrier.messages.length > 0 && ` · ${check.carrier.messages.map((m) => m.message).join('; ')}`}
        </Text>
      )}
      {canWrite && ['new', 'address_review', 'ready', 'decided'].includes(order.status) && (
        <Group mt="xs"><Button size="xs" variant="default" onClick={() => online.mutate()} loading={online.isPending}>{t('address.checkWithCarrier')}</Button></Group>
      )}
      <ErrorNote error={online.error} />
      {check.accepted && <Alert mt="sm" color="gray">{t('address.accepted')}: {check.accepted.reason}</Alert>}
      {fix.isSuccess && <Text size="sm" c="green.9" role="status" mt="xs">{t('address.saved')}</Text>}
    </Card>
  );
}
