import { Button, Card, Center, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useAcceptToken } from '../../api/users';
import { ErrorNote } from '../../components/ErrorNote';

/** An invitation or a reset link (the token is in the URL's fragment, never sent to a server log): choose a password, then you are in. */
export function TokenPage({ kind }: { kind: 'invite' | 'reset' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptToken(kind);
  const [password, setPassword] = useState('');
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate({ token, password }, { onSuccess: () => navigate('/orders', { replace: true }) });
  };
  const fieldError = accept.error instanceof ApiError ? accept.error.problem.errors.find((x) => x.path === 'password' || x.path === 'new_password')?.message : undefined;
  return (
    <Center mih="100vh" component="main">
      <Card withBorder w={400} p="lg">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">{t(kind === 'invite' ? 'token.inviteTitle' : 'token.resetTitle')}</Title>
            <Text size="sm" c="dimmed">{t('account.rule')}</Text>
            <PasswordInput label={t('account.new')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError} />
            {accept.error && !fieldError ? <ErrorNote error={accept.error} /> : null}
            <Button type="submit" loading={accept.isPending} disabled={!token}>{t('token.submit')}</Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
