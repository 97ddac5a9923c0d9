import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** An API problem as the server said it, with the fields it names. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const p = error instanceof ApiError ? error.problem : null;
  return (
    <Alert color="red" title={t('app.error')} role="alert">
      {p?.detail ?? String(error)}
      {p && p.errors.length > 0 && (
        <List size="sm">{p.errors.map((e) => <List.Item key={e.path + e.message}>{e.path}: {e.message}</List.Item>)}</List>
      )}
    </Alert>
  );
}
