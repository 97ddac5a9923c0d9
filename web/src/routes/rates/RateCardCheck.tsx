import { Alert, Button, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parse as parseYaml } from 'yaml';
import { api, unwrap } from '../../api/client';
import { ErrorNote } from '../../components/ErrorNote';

type Body = { card: Record<string, unknown>; prices_csv?: string };

/** Reads the pasted card as JSON, else YAML; says why when it is neither. */
function readDoc(text: string): Record<string, unknown> | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    try {
      doc = parseYaml(text);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : '';
}

/**
 * Paste a rate card (JSON or YAML, its grid inline or as CSV): lastmile says what it cannot
 * express before it is used, and imports it when it is valid.
 */
export function RateCardCheck() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [csv, setCsv] = useState('');
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const lint = useMutation({ mutationFn: (body: Body) => unwrap(api.POST('/v1/rate-cards/lint', { body })) });
  const save = useMutation({ mutationFn: (body: Body) => unwrap(api.POST('/v1/rate-cards', { body })) });
  const body = (): Body | null => {
    const doc = readDoc(text);
    if (typeof doc === 'string') {
      setUnreadable(doc || t('cardCheck.notObject'));
      return null;
    }
    setUnreadable(null);
    return { card: doc, ...(csv.trim() ? { prices_csv: csv } : {}) };
  };
  const r = lint.data;
  return (
    <Stack gap="xs" data-testid="card-check">
      <Title order={3}>{t('cardCheck.title')}</Title>
      <Text size="sm" c="dimmed">{t('cardCheck.hint')}</Text>
      <Textarea label={t('cardCheck.card')} autosize minRows={6} maxRows={18} value={text} onChange={(e) => { setText(e.currentTarget.value); lint.reset(); save.reset(); }} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
      <Textarea label={t('cardCheck.csv')} autosize minRows={2} maxRows={8} value={csv} onChange={(e) => { setCsv(e.currentTarget.value); lint.reset(); save.reset(); }} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
      <Group>
        <Button variant="default" disabled={!text.trim()} loading={lint.isPending} onClick={() => { const b = body(); if (b) lint.mutate(b); }}>{t('cardCheck.check')}</Button>
        <Button disabled={!r?.valid} loading={save.isPending} onClick={() => { const b = body(); if (b) save.mutate(b); }}>{t('cardCheck.import')}</Button>
      </Group>
      {unreadable !== null && <Alert color="red" title={t('cardCheck.unreadable')}>{unreadable}</Alert>}
      <ErrorNote error={lint.error ?? save.error} />
      {r && (
        <Stack gap={4} data-testid="card-findings">
          <Text fw={600} c={r.valid ? 'green.9' : 'red.9'}>{r.valid ? t('cardCheck.valid', { count: r.warnings.length }) : t('cardCheck.invalid', { count: r.errors.length })}</Text>
          {r.errors.length > 0 && <List size="sm">{r.errors.map((e) => <List.Item key={`e${e.path}${e.message}`}><Text span c="red.9" size="sm" ff="monospace">{e.path}</Text> {e.message}</List.Item>)}</List>}
          {r.warnings.length > 0 && <List size="sm">{r.warnings.map((w) => <List.Item key={`w${w.path}${w.message}`}><Text span c="orange.9" size="sm" ff="monospace">{w.path}</Text> {w.message}</List.Item>)}</List>}
        </Stack>
      )}
      {save.data && <Alert color="green">{t('cardCheck.imported', { code: save.data.card['code'] as string, date: save.data.card['effective_from'] as string })}</Alert>}
    </Stack>
  );
}
