import { Anchor, Badge, Group, Loader, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useShipmentTracking } from '../api/shipments';
import { date, dateTime } from '../format';
import { ErrorNote } from './ErrorNote';

/** A shipment's carrier scans, newest first, with its status, expected date and the public tracking page. */
export function TrackingTimeline({ shipmentId }: { shipmentId: string }) {
  const { t, i18n } = useTranslation();
  const q = useShipmentTracking(shipmentId);
  if (q.isLoading) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (!q.data) return <ErrorNote error={q.error} />;
  const { summary, events, tracking_numbers } = q.data;
  const tn = tracking_numbers[0];
  return (
    <div data-testid="tracking-timeline">
      <Group gap="xs" mb="xs">
        <Badge variant="light" c="dark.9" color={summary.status === 'delivered' ? 'green' : ['exception', 'attempt_failed', 'returning', 'returned', 'lost'].includes(summary.status) ? 'red' : 'blue'}>{t(`tracking.status.${summary.status}`, summary.status)}</Badge>
        {summary.estimated_delivery && <Text size="sm">{t('tracking.expected', { date: date(summary.estimated_delivery, i18n.language) })}</Text>}
        {summary.delivered_at && <Text size="sm">{t('tracking.deliveredAt', { at: dateTime(summary.delivered_at, i18n.language) })}{summary.proof?.signed_by ? ` · ${t('tracking.signedBy', { name: summary.proof.signed_by })}` : ''}</Text>}
        {tn && <Anchor href={`/t/${encodeURIComponent(tn)}`} target="_blank" rel="noopener" size="sm" underline="always">{t('tracking.publicPage', { number: tn })}</Anchor>}
      </Group>
      {events.length === 0 ? <Text size="sm" c="dimmed">{t('tracking.noEvents')}</Text> : (
        <Timeline bulletSize={10} lineWidth={2} active={0}>
          {events.map((e, k) => (
            <Timeline.Item key={k} title={<Text size="sm" fw={600}>{e.description}</Text>}>
              <Text size="xs" c="dimmed">
                {dateTime(e.occurred_at, i18n.language)}{e.location ? ` · ${e.location}` : ''}{e.status ? ` · ${t(`tracking.status.${e.status}`, e.status)}` : ''}
                {e.known ? '' : ` · ${t('tracking.unknownCode', { code: e.code })}`}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </div>
  );
}
