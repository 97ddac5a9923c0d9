import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { useChangePassword } from '../../api/users';
import { ErrorNote } from '../../components/ErrorNote';

/** Your account: who you are, and a new password (your other sessions end). */
export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession().data;
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const fieldError = (path: string) => (change.error instanceof ApiError ? change.error.problem.errors.find((x) => x.path === path)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ current_password: current, new_password: next }, { onSuccess: () => { setCurrent(''); setNext(''); } });
  };
  return (
    <Stack maw={480}>
      <Title order={2}>{t('account.title')}</Title>
      <Text>{session?.user.email} · {t(`users.roles.${session?.user.role ?? 'viewer'}`)}</Text>
      <Card withBorder>
        <form onSubmit={submit}>
          <Stack>
            <Title order={3} size="h5">{t('account.changePassword')}</Title>
            <PasswordInput label={t('account.current')} autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={fieldError('current_password')} />
            <PasswordInput label={t('account.new')} description={t('account.rule')} autoComplete="new-password" required value={next} onChange={(e) => setNext(e.currentTarget.value)} error={fieldError('new_password')} />
            {change.isSuccess && <Alert color="green" role="status">{t('account.changed')}</Alert>}
            {change.error && !fieldError('current_password') && !fieldError('new_password') ? <ErrorNote error={change.error} /> : null}
            <Button type="submit" loading={change.isPending}>{t('account.save')}</Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
