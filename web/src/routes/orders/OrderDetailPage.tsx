import { Anchor, Button, Card, Grid, Group, Loader, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { decisionOf, useDecide, useOrder, useOrderEvents } from '../../api/orders';
import { useSession } from '../../api/session';
import { ErrorNote } from '../../components/ErrorNote';
import { StatusBadge } from '../../components/StatusBadge';
import { dateTime } from '../../format';
import { AddressPanel } from './AddressPanel';
import { DecisionPanel } from './DecisionPanel';
import { OrderShipments } from './OrderShipments';

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const order = useOrder(id);
  const events = useOrderEvents(id);
  const decide = useDecide(id);
  const scopes = useSession().data?.scopes ?? [];
  const canDecide = scopes.includes('admin') || scopes.includes('orders:write');
  if (order.isLoading) return <Loader aria-label={t('app.loading')} />;
  if (order.error || !order.data) return <ErrorNote error={order.error} />;
  const o = order.data;
  const d = decisionOf(o);
  const a = o.ship_to;
  return (
    <Stack>
      <Anchor component={Link} to="/orders" size="sm">← {t('order.back')}</Anchor>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{o.external_id}</Title>
          <StatusBadge status={o.status} />
        </Group>
        {canDecide && ['ready', 'decided', 'new'].includes(o.status) && (
          <Button onClick={() => decide.mutate()} loading={decide.isPending}>{d ? t('order.decideAgain') : t('order.decide')}</Button>
        )}
      </Group>
      <ErrorNote error={decide.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Title order={3} size="h5">{t('order.shipTo')}</Title>
            <Text size="sm">{a.name}{a.company ? `, ${a.company}` : ''}</Text>
            <Text size="sm">{a.line1}{a.line2 ? `, ${a.line2}` : ''}</Text>
            <Text size="sm">{a.city} {a.state} {a.postal_code} {a.country}</Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <Title order={3} size="h5">{t('order.lines')}</Title>
            <Table>
              <Table.Thead><Table.Tr><Table.Th scope="col">{t('order.item')}</Table.Th><Table.Th scope="col">{t('order.quantity')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{o.lines.map((l, k) => <Table.Tr key={k}><Table.Td>{l.name ?? l.sku}</Table.Td><Table.Td>{l.quantity}</Table.Td></Table.Tr>)}</Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
      </Grid>
      <AddressPanel key={o.updated_at} order={o} canWrite={canDecide} />
      <Title order={2} size="h4">{t('order.decision')}</Title>
      {d && d.explanation ? <DecisionPanel d={d} /> : <Text c="dimmed">{t('order.noDecision')}</Text>}
      <OrderShipments orderId={o.id} />
      <Title order={2} size="h4">{t('order.audit')}</Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {(events.data?.data ?? []).map((e) => (
          <Timeline.Item key={e.id} title={t(`event.${e.type.replace('.', '_')}`, e.type)}>
            <Text size="xs" c="dimmed">{dateTime(e.created_at, i18n.language)} · {e.actor ?? ''}</Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
