import { Alert, Badge, Button, Checkbox, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiKeys, useCreateApiKey, useCreateWebhook, useDeliveries, useRevokeApiKey, useTestWebhook, useToggleWebhook, useWebhooks } from '../../api/settings';
import { ErrorNote } from '../../components/ErrorNote';
import { ListTable, Section } from '../../components/ListTable';
import { ChannelSettings } from './ChannelSettings';
import { NotificationSettings } from './NotificationSettings';
import { TenantSettings } from './TenantSettings';
import { WarehouseSettings } from './WarehouseSettings';
import { dateTime } from '../../format';

const SCOPES = ['orders:read', 'orders:write', 'catalog:read', 'catalog:write', 'warehouses:read', 'warehouses:write', 'addresses:read', 'rates:read', 'rates:write', 'routing:write', 'shipments:write', 'tracking:write', 'admin'] as const;
const EVENTS = ['shipment.tracking_updated', 'case.opened', 'case.updated'] as const;

/** A secret shown once, with the reason it is not shown again. */
function Secret({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={label} role="status" data-testid="secret">
      <Code block>{value}</Code>
      <Text size="sm" mt="xs">{t('settings.shownOnce')}</Text>
    </Alert>
  );
}

function ApiKeys() {
  const { t, i18n } = useTranslation();
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['orders:read']);
  return (
    <Section title={t('settings.apiKeys')} hint={t('settings.apiKeysHint')}>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate({ name: name.trim() || 'api key', scopes: scopes as never, mode: 'live' }, { onSuccess: () => setName('') }); }}>
        <Stack gap="xs">
          <TextInput label={t('settings.keyName')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} w={320} />
          <Checkbox.Group label={t('settings.scopes')} value={scopes} onChange={setScopes}>
            <Group gap="sm" mt={4}>{SCOPES.map((s) => <Checkbox key={s} value={s} label={s} />)}</Group>
          </Checkbox.Group>
          <Group><Button type="submit" loading={create.isPending} disabled={scopes.length === 0}>{t('settings.createKey')}</Button></Group>
        </Stack>
      </form>
      {create.data && <Secret label={t('settings.newKey', { name: create.data.name })} value={create.data.secret} />}
      <ErrorNote error={create.error ?? revoke.error ?? keys.error} />
      <ListTable mt="sm" caption={t('settings.apiKeys')} testId="api-keys" headers={[t('settings.keyName'), t('settings.prefix'), t('settings.scopes'), t('settings.lastUsed'), t('shipments.actions')]}>
          {(keys.data?.data ?? []).map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>{k.name}</Table.Td>
              <Table.Td><Code>{k.display_prefix}</Code></Table.Td>
              <Table.Td><Text size="xs">{k.scopes.join(', ')}</Text></Table.Td>
              <Table.Td>{dateTime(k.last_used_at, i18n.language)}</Table.Td>
              <Table.Td>{k.revoked_at ? <Badge variant="light" c="dark.9" color="gray">{t('settings.revoked')}</Badge> : <Button size="xs" color="red.9" variant="outline" onClick={() => revoke.mutate(k.id)}>{t('settings.revoke')}</Button>}</Table.Td>
            </Table.Tr>
          ))}
      </ListTable>
    </Section>
  );
}

function Webhooks() {
  const { t, i18n } = useTranslation();
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const toggle = useToggleWebhook();
  const test = useTestWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([...EVENTS]);
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useDeliveries(open);
  return (
    <Section title={t('settings.webhooks')} hint={t('settings.webhooksHint')}>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate({ url: url.trim(), events: events as never }, { onSuccess: () => setUrl('') }); }}>
        <Stack gap="xs">
          <TextInput label={t('settings.url')} required type="url" value={url} onChange={(e) => setUrl(e.currentTarget.value)} placeholder="https://example.com/hooks/lastmile" w={420} />
          <Checkbox.Group label={t('settings.events')} value={events} onChange={setEvents}>
            <Group gap="sm" mt={4}>{EVENTS.map((ev) => <Checkbox key={ev} value={ev} label={ev} />)}</Group>
          </Checkbox.Group>
          <Group><Button type="submit" loading={create.isPending} disabled={!url || events.length === 0}>{t('settings.addWebhook')}</Button></Group>
        </Stack>
      </form>
      {create.data && <Secret label={t('settings.signingSecret')} value={create.data.secret} />}
      <ErrorNote error={create.error ?? toggle.error ?? test.error ?? hooks.error} />
      {test.data && <Alert mt="xs" color={test.data.ok ? 'green' : 'red'} role="status" data-testid="webhook-test">{test.data.ok ? t('settings.testOk', { status: test.data.status }) : t('settings.testFailed', { status: test.data.status ?? '—', error: test.data.error ?? '' })}</Alert>}
      <ListTable mt="sm" caption={t('settings.webhooks')} testId="webhooks" headers={[t('settings.url'), t('settings.events'), t('shipments.status'), t('shipments.actions')]}>
          {(hooks.data?.data ?? []).map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td><Text size="sm" style={{ wordBreak: 'break-all' }}>{h.url}</Text></Table.Td>
              <Table.Td><Text size="xs">{h.events.join(', ')}</Text></Table.Td>
              <Table.Td><Badge variant="light" c="dark.9" color={h.enabled ? 'green' : 'gray'}>{h.enabled ? t('settings.enabled') : t('settings.disabled')}</Badge>{h.consecutive_failures > 0 && <Text size="xs" c="red.9">{t('settings.failures', { count: h.consecutive_failures })}</Text>}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => test.mutate(h.id)} loading={test.isPending && test.variables === h.id}>{t('settings.sendTest')}</Button>
                  <Button size="xs" variant="default" onClick={() => toggle.mutate({ id: h.id, enabled: !h.enabled })}>{h.enabled ? t('settings.disable') : t('settings.enable')}</Button>
                  <Button size="xs" variant="default" aria-expanded={open === h.id} onClick={() => setOpen(open === h.id ? null : h.id)}>{t('settings.deliveries')}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
      </ListTable>
      {open && (
        <ListTable mt="sm" verticalSpacing={4} fz="sm" caption={t('settings.deliveries')} testId="deliveries" headers={[t('settings.event'), t('shipments.status'), t('settings.attempts'), t('settings.answer'), t('settings.when')]}>
            {(deliveries.data?.data ?? []).map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.type}</Table.Td>
                <Table.Td>{t(`settings.delivery.${d.state}`)}</Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>{d.last_status ?? '—'}{d.last_error ? ` · ${d.last_error}` : ''}</Table.Td>
                <Table.Td>{dateTime(d.delivered_at ?? d.created_at, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
        </ListTable>
      )}
      {open && deliveries.data?.data.length === 0 && <Text size="sm" c="dimmed">{t('settings.noDeliveries')}</Text>}
    </Section>
  );
}

/** Settings (owners and admins): API keys, webhooks with their delivery log, customer notifications, sales channels, warehouses. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <TenantSettings />
      <ApiKeys />
      <Webhooks />
      <NotificationSettings />
      <ChannelSettings />
      <WarehouseSettings />
    </Stack>
  );
}
