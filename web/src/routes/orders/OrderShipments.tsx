import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useShipments } from '../../api/shipments';
import { ErrorNote } from '../../components/ErrorNote';
import { TrackingTimeline } from '../../components/TrackingTimeline';
import { money } from '../../format';

/** An order's shipments: carrier and service, label, cost, and each one's tracking timeline. */
export function OrderShipments({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const q = useShipments({ order_id: orderId, limit: 20 });
  const list = q.data?.data ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">{t('order.shipments')}</Title>
      <ErrorNote error={q.error} />
      {q.data && list.length === 0 && <Text c="dimmed">{t('order.noShipments')}</Text>}
      {list.map((s) => (
        <Card withBorder key={s.id} data-testid="order-shipment">
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Text fw={700}>{s.carrier.toUpperCase()} · {s.service}</Text>
              <Badge variant="light" c="dark.9" color={s.status === 'cancelled' ? 'gray' : 'blue'}>{t(`shipments.statuses.${s.status}`, s.status)}</Badge>
              {s.sample && <Badge variant="light" c="dark.9" color="yellow">{t('shipments.sample')}</Badge>}
              {s.cost && <Text size="sm">{money(s.cost, i18n.language)}</Text>}
            </Group>
            {s.tracking_numbers.length > 0 && s.status !== 'cancelled' && (
              <Button component="a" size="xs" variant="default" href={`/v1/shipments/${s.id}/label?format=pdf`} target="_blank" rel="noopener">{t('shipments.reprint')}</Button>
            )}
          </Group>
          {s.tracking_numbers.length > 0 ? <TrackingTimeline shipmentId={s.id} /> : <Text size="sm" c="dimmed">{t('order.noLabelYet')}</Text>}
        </Card>
      ))}
    </Stack>
  );
}
