import { Alert, Button, Card, Code, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { useInvite, useUpdateUser, useUsers, type User } from '../../api/users';
import { ErrorNote } from '../../components/ErrorNote';

const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;

/** The tenant's people: roles, status, and invitations (the link is shown once, to pass on). */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useSession().data?.user;
  const users = useUsers();
  const invite = useInvite();
  const update = useUpdateUser();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<User['role']>('viewer');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ email, role, name: null }, { onSuccess: () => setEmail('') });
  };
  const emailError = invite.error instanceof ApiError ? invite.error.problem.errors.find((x) => x.path === 'email')?.message : undefined;
  const roleData = ROLES.filter((r) => r !== 'owner' || me?.role === 'owner').map((r) => ({ value: r, label: t(`users.roles.${r}`) }));
  return (
    <Stack>
      <Title order={2}>{t('users.title')}</Title>
      <Card withBorder>
        <form onSubmit={submit}>
          <Group align="flex-end">
            <TextInput label={t('users.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={emailError} w={280} />
            <Select label={t('users.role')} data={roleData} value={role} onChange={(v) => v && setRole(v as User['role'])} allowDeselect={false} w={180} />
            <Button type="submit" loading={invite.isPending}>{t('users.invite')}</Button>
          </Group>
        </form>
        {invite.data && (
          <Alert mt="md" color="blue" title={t('users.inviteLink')} role="status">
            <Code block data-testid="invite-url">{invite.data.invite_url}</Code>
            {invite.data.emailed ? t('users.emailed') : t('users.passOn')}
          </Alert>
        )}
        {invite.error && !emailError ? <ErrorNote error={invite.error} /> : null}
      </Card>
      <ErrorNote error={update.error} />
      <Table striped>
        <Table.Thead>
          <Table.Tr>{(['email', 'role', 'status'] as const).map((k) => <Table.Th key={k} scope="col">{t(`users.${k}`)}</Table.Th>)}<Table.Th scope="col"><span style={{ position: 'absolute', left: -10000 }}>{t('users.actions')}</span></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>
                <Select aria-label={`${t('users.role')} ${u.email}`} size="xs" w={150} data={roleData.some((r) => r.value === u.role) ? roleData : [...roleData, { value: u.role, label: t(`users.roles.${u.role}`) }]} value={u.role} allowDeselect={false}
                  disabled={u.id === me?.id} onChange={(v) => v && v !== u.role && update.mutate({ id: u.id, role: v as User['role'] })} />
              </Table.Td>
              <Table.Td>{t(`users.statuses.${u.status}`)}</Table.Td>
              <Table.Td>
                {u.id !== me?.id && u.status !== 'invited' && (
                  <Button size="xs" variant="default" onClick={() => update.mutate({ id: u.id, status: u.status === 'disabled' ? 'active' : 'disabled' })}>
                    {u.status === 'disabled' ? t('users.enable') : t('users.disable')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
