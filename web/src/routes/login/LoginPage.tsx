import { Button, Card, Center, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useLogin } from '../../api/session';
import { ErrorNote } from '../../components/ErrorNote';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };
  const fieldError = (path: string) => (login.error instanceof ApiError ? login.error.problem.errors.find((x) => x.path === path)?.message : undefined);
  return (
    <Center mih="100vh" component="main">
      <Card withBorder w={380} p="lg">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">{t('login.title')}</Title>
            <TextInput label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError('email')} />
            <PasswordInput label={t('login.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError('password')} />
            {login.error && !fieldError('email') && <ErrorNote error={login.error} />}
            <Button type="submit" loading={login.isPending}>{t('login.submit')}</Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
