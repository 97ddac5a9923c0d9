import { Alert, Anchor, Button, Group, List, Progress, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobEnded, useJob } from '../../api/jobs';
import { orderKeys, useBatchDecide, useBuyLabels, useCancelOrders } from '../../api/orders';
import { ErrorNote } from '../../components/ErrorNote';

type Running = { kind: 'decide' | 'labels'; jobId: string; batchId?: string };

/** Actions on the selected orders, run as jobs with live progress; a label batch ends with its PDF. */
export function BatchBar({ selected, canWrite, onDone }: { selected: string[]; canWrite: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const decide = useBatchDecide();
  const labels = useBuyLabels();
  const cancel = useCancelOrders();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [reason, setReason] = useState('');
  const [running, setRunning] = useState<Running | null>(null);
  const job = useJob(running?.jobId ?? null);
  const ended = jobEnded(job.data);
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: orderKeys.all });
  }, [ended, qc]);
  if (!canWrite) return null;
  const p = job.data?.progress;
  const pct = p?.total ? Math.round((100 * p.done) / p.total) : 0;
  const result = job.data?.result as { counts?: Record<string, number>; decided?: number; unplaced?: { order_id: string; reason: string }[]; results?: { order_id: string; status: string; error: { message: string } | null }[] } | null | undefined;
  // What did not go through, with the reason: skipped and failed orders, orders no service could take.
  const problems = [...(result?.results ?? []).filter((r) => r.error).map((r) => ({ id: r.order_id, why: r.error!.message })), ...(result?.unplaced ?? []).map((u) => ({ id: u.order_id, why: u.reason }))];
  return (
    <Stack gap="xs">
      <Group>
        <Text size="sm">{t('batch.selected', { count: selected.length })}</Text>
        <Button size="xs" disabled={selected.length === 0 || (!!running && !ended)} loading={decide.isPending}
          onClick={() => decide.mutate(selected, { onSuccess: (r) => { setRunning({ kind: 'decide', jobId: r.job_id }); onDone(); } })}>{t('batch.decide')}</Button>
        <Button size="xs" disabled={selected.length === 0 || (!!running && !ended)} loading={labels.isPending}
          onClick={() => labels.mutate(selected, { onSuccess: (r) => { setRunning({ kind: 'labels', jobId: r.job_id, batchId: r.batch_id }); onDone(); } })}>{t('batch.buyLabels')}</Button>
        <Button size="xs" color="red.9" variant="outline" disabled={selected.length === 0 || cancel.isPending} onClick={() => setConfirmCancel(true)}>{t('batch.cancel')}</Button>
      </Group>
      {confirmCancel && (
        <form onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate({ ids: selected, reason: reason.trim() || 'cancelled from the order queue' }, { onSuccess: () => { setConfirmCancel(false); setReason(''); onDone(); } });
        }}>
          <Group align="flex-end">
            <TextInput size="xs" label={t('batch.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={320} maxLength={500} />
            <Button size="xs" color="red" type="submit" loading={cancel.isPending}>{t('batch.cancelConfirm', { count: selected.length })}</Button>
            <Button size="xs" variant="default" onClick={() => setConfirmCancel(false)}>{t('batch.keep')}</Button>
          </Group>
        </form>
      )}
      {cancel.data && (
        <Alert color={cancel.data.some((r) => r.error) ? 'yellow' : 'green'} role="status" data-testid="cancel-status">
          <Text size="sm">{t('batch.cancelled', { count: cancel.data.filter((r) => !r.error).length, failed: cancel.data.filter((r) => r.error).length })}</Text>
          {cancel.data.some((r) => r.error) && (
            <List size="xs" mt="xs">{cancel.data.filter((r) => r.error).map((r) => <List.Item key={r.order_id}><Anchor component={Link} to={`/orders/${r.order_id}`} size="xs" c="dark.9" underline="always">{r.order_id}</Anchor>: {r.error}</List.Item>)}</List>
          )}
        </Alert>
      )}
      <ErrorNote error={decide.error ?? labels.error} />
      {running && job.data && (
        <Alert color={job.data.state === 'failed' ? 'red' : ended ? 'green' : 'blue'} role="status" data-testid="batch-status">
          <Text size="sm">{t(`batch.${running.kind}Title`)} · {t(`batch.state.${job.data.state}`)} · {p?.done ?? 0}/{p?.total ?? '?'}</Text>
          <Progress value={ended ? 100 : pct} mt="xs" aria-label={t('batch.progress')} />
          {ended && running.kind === 'labels' && result?.counts && (
            <Text size="sm" mt="xs">{Object.entries(result.counts).map(([k, v]) => `${t(`batch.outcome.${k}`, k)}: ${v}`).join(' · ')}</Text>
          )}
          {ended && running.kind === 'decide' && result && <Text size="sm" mt="xs">{t('batch.decided', { count: result.decided ?? 0, unplaced: result.unplaced?.length ?? 0 })}</Text>}
          {ended && problems.length > 0 && (
            <List size="xs" mt="xs" data-testid="batch-problems">{problems.slice(0, 20).map((x) => <List.Item key={x.id}><Anchor component={Link} to={`/orders/${x.id}`} size="xs" c="dark.9" underline="always">{x.id}</Anchor>: {x.why}</List.Item>)}</List>
          )}
          {ended && running.kind === 'labels' && job.data.state === 'succeeded' && (
            <Group gap="xs" mt="xs">
              <Button component="a" size="xs" href={`/v1/label-batches/${running.batchId}/labels?format=pdf`} download={`${running.batchId}.pdf`}>{t('batch.downloadPdf')}</Button>
              <Button component={Link} size="xs" variant="default" to={`/shipments?batch_id=${running.batchId}`}>{t('batch.seeShipments')}</Button>
            </Group>
          )}
          {job.data.error && <Text size="sm" c="red">{job.data.error.message}</Text>}
        </Alert>
      )}
    </Stack>
  );
}
