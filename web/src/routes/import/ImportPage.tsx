import { Alert, Button, Card, FileInput, Group, NativeSelect, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobEnded, useJob } from '../../api/jobs';
import { orderKeys, useImportChannelOrders, useImportOrders, type ChannelFormat } from '../../api/orders';
import { ErrorNote } from '../../components/ErrorNote';

interface Summary {
  format: string | null; rows: number; orders_created: number; duplicates_skipped: number; orders_rejected: number; rows_rejected: number;
  orders_in_address_review: number; errors: { row: number; column: string; reason: string }[]; errors_total: number;
}

const FORMATS: ChannelFormat[] = ['shopify-json', 'amazon-json', 'tiktok-json', 'woo-json'];

/** Orders from a channel's own JSON (an order, a list, or its API's list response), with every refused order and what could not be mapped. */
function ChannelImport() {
  const { t } = useTranslation();
  const [format, setFormat] = useState<ChannelFormat>('shopify-json');
  const [file, setFile] = useState<File | null>(null);
  const [notJson, setNotJson] = useState<string | null>(null);
  const run = useImportChannelOrders();
  const submit = async () => {
    if (!file) return;
    setNotJson(null);
    let payload: unknown;
    try {
      payload = JSON.parse(await file.text());
    } catch (e) {
      setNotJson((e as Error).message);
      return;
    }
    run.mutate({ format, payload });
  };
  const s = run.data;
  const problems = s ? [...s.errors.map((e) => ({ ...e, kind: 'rejected' })), ...s.unmapped.map((e) => ({ ...e, kind: 'unmapped' }))] : [];
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">{t('import.channelTitle')}</Title>
      <Group align="flex-end">
        <NativeSelect label={t('import.format')} w={200} value={format} onChange={(e) => setFormat(e.currentTarget.value as ChannelFormat)} data={FORMATS.map((f) => ({ value: f, label: t(`import.formats.${f.replace('-json', '')}`) }))} />
        <FileInput label={t('import.jsonFile')} description={t('import.jsonHint')} accept=".json,application/json" value={file} onChange={setFile} w={360} clearable clearButtonProps={{ 'aria-label': t('import.clear') }} />
        <Button disabled={!file} loading={run.isPending} onClick={() => void submit()}>{t('import.uploadJson')}</Button>
      </Group>
      {notJson && <Alert color="red" role="alert" mt="xs">{t('import.notJson', { error: notJson })}</Alert>}
      <ErrorNote error={run.error} />
      {s && (
        <Alert mt="xs" color={s.orders_rejected ? 'yellow' : 'green'} role="status" data-testid="channel-import-status">
          {t('import.channelSummary', { orders: s.orders, created: s.orders_created, duplicates: s.duplicates_skipped, cancelled: s.skipped_cancelled, fulfilled: s.skipped_fulfilled, rejected: s.orders_rejected, review: s.orders_in_address_review })}
        </Alert>
      )}
      {problems.length > 0 && (
        <Table striped mt="xs" data-testid="channel-rejected">
          <Table.Thead><Table.Tr><Table.Th scope="col">{t('import.externalId')}</Table.Th><Table.Th scope="col">{t('import.column')}</Table.Th><Table.Th scope="col">{t('import.reason')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{problems.slice(0, 200).map((e, k) => <Table.Tr key={k}><Table.Td>{e.external_id}</Table.Td><Table.Td>{e.path}</Table.Td><Table.Td>{e.kind === 'unmapped' ? `${t('import.unmapped')}: ` : ''}{e.reason}</Table.Td></Table.Tr>)}</Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** Orders from a CSV (our template or a Shopify export): an import job with progress, then every rejected row with its reason. */
export function ImportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useImportOrders();
  const job = useJob(upload.data?.job_id ?? null);
  const ended = jobEnded(job.data);
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: orderKeys.all });
  }, [ended, qc]);
  const s = job.data?.result as Summary | null | undefined;
  const p = job.data?.progress;
  return (
    <Stack maw={900}>
      <Title order={2}>{t('import.title')}</Title>
      <Card withBorder>
        <Group align="flex-end">
          <FileInput label={t('import.file')} description={t('import.hint')} accept=".csv,text/csv" value={file} onChange={setFile} w={420} clearable clearButtonProps={{ 'aria-label': t('import.clear') }} />
          <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>{t('import.upload')}</Button>
        </Group>
      </Card>
      <ErrorNote error={upload.error} />
      {job.data && (
        <Alert color={job.data.state === 'failed' ? 'red' : ended ? 'green' : 'blue'} role="status" data-testid="import-status">
          <Text size="sm">{t(`batch.state.${job.data.state}`)} · {p?.done ?? 0} {t('import.rows')}</Text>
          {!ended && <Progress value={p?.total ? (100 * p.done) / p.total : 30} animated mt="xs" aria-label={t('batch.progress')} />}
          {s && (
            <Text size="sm" mt="xs">
              {t('import.summary', { created: s.orders_created, duplicates: s.duplicates_skipped, rejected: s.orders_rejected, rows: s.rows_rejected, review: s.orders_in_address_review, format: s.format ?? '?' })}
            </Text>
          )}
          {job.data.error && <Text size="sm">{job.data.error.message}</Text>}
        </Alert>
      )}
      {s && s.errors.length > 0 && (
        <>
          <Title order={3} size="h5">{t('import.rejected')}</Title>
          <Table striped data-testid="rejected-rows">
            <Table.Thead><Table.Tr><Table.Th scope="col">{t('import.row')}</Table.Th><Table.Th scope="col">{t('import.column')}</Table.Th><Table.Th scope="col">{t('import.reason')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{s.errors.map((e, k) => <Table.Tr key={k}><Table.Td>{e.row}</Table.Td><Table.Td>{e.column}</Table.Td><Table.Td>{e.reason}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
          {s.errors_total > s.errors.length && <Text size="sm" c="dimmed">{t('import.more', { count: s.errors_total - s.errors.length })}</Text>}
        </>
      )}
      <ChannelImport />
    </Stack>
  );
}
