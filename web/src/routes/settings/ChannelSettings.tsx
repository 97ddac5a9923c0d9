import { Alert, Button, Code, Group, List, NativeSelect, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannels, useConnectChannel, useDisconnectChannel, useSyncChannel, type ChannelConnect } from '../../api/settings';
import { ErrorNote } from '../../components/ErrorNote';
import { ListTable, Section } from '../../components/ListTable';
import { dateTime } from '../../format';

type Kind = ChannelConnect['kind'];
const KINDS: Kind[] = ['shopify', 'woocommerce', 'amazon', 'tiktok'];
/** Which credentials each channel asks for (docs/channels.md), by their field in the API. */
const FIELDS: Record<Kind, ('key' | 'secret' | 'token' | 'webhook_secret')[]> = {
  shopify: ['key', 'secret'],
  woocommerce: ['key', 'secret', 'webhook_secret'],
  amazon: ['key', 'secret', 'token'],
  tiktok: ['key', 'secret', 'token'],
};
const BASE_URL: Record<Kind, string> = {
  shopify: 'https://{shop}.myshopify.com', woocommerce: 'https://shop.example.com', amazon: 'https://sellingpartnerapi-na.amazon.com', tiktok: 'https://open-api.tiktokglobalshop.com',
};

/** Sales channel connections: connect with credentials shown never again, pull now, see the last sync and its error, disconnect. */
export function ChannelSettings() {
  const { t, i18n } = useTranslation();
  const channels = useChannels();
  const connect = useConnectChannel();
  const sync = useSyncChannel();
  const disconnect = useDisconnectChannel();
  const [kind, setKind] = useState<Kind>('shopify');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [creds, setCreds] = useState<Record<string, string>>({});
  const [extra, setExtra] = useState('');
  const settingsKey = kind === 'amazon' ? 'marketplace_ids' : kind === 'tiktok' ? 'shop_cipher' : null;
  const submit = () => {
    const credentials = Object.fromEntries(FIELDS[kind].filter((f) => creds[f]).map((f) => [f, creds[f]!]));
    const settings = settingsKey && extra.trim() ? { [settingsKey]: settingsKey === 'marketplace_ids' ? extra.split(/[\s,]+/).filter(Boolean) : extra.trim() } : {};
    connect.mutate({ kind, ...(name.trim() ? { name: name.trim() } : {}), base_url: baseUrl.trim(), credentials, settings }, { onSuccess: () => { setCreds({}); setName(''); setExtra(''); } });
  };
  const s = sync.data;
  return (
    <Section title={t('settings.channels')} hint={t('settings.channelsHint')}>
      <ListTable caption={t('settings.channels')} testId="channels" headers={[t('settings.channelName'), t('settings.channelKind'), t('settings.lastSync'), t('shipments.actions')]}>
          {(channels.data?.data ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.name}<Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{c.base_url}</Text></Table.Td>
              <Table.Td>{c.kind}</Table.Td>
              <Table.Td>{dateTime(c.last_sync_at, i18n.language)}{c.last_error && <Text size="xs" c="red.9">{c.last_error}</Text>}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" loading={sync.isPending && sync.variables === c.id} onClick={() => sync.mutate(c.id)}>{t('settings.syncNow')}</Button>
                  <Button size="xs" color="red.9" variant="outline" onClick={() => window.confirm(t('settings.disconnectConfirm', { name: c.name })) && disconnect.mutate(c.id)}>{t('settings.disconnect')}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
      </ListTable>
      {channels.data?.data.length === 0 && <Text size="sm" c="dimmed">{t('settings.noChannels')}</Text>}
      {s && (
        <Alert mt="xs" color={s.rejected ? 'yellow' : 'green'} role="status" data-testid="sync-summary">
          <Text size="sm">{t('settings.syncSummary', { name: s.connection, received: s.received, created: s.created, updated: s.updated, cancelled: s.cancelled, rejected: s.rejected })}</Text>
          {s.errors.length > 0 && <List size="sm">{s.errors.slice(0, 20).map((e, k) => <List.Item key={k}>{e.external_id} · {e.path}: {e.reason}</List.Item>)}</List>}
        </Alert>
      )}
      {connect.data && (
        <Alert mt="xs" color="green" role="status" title={t('settings.connected', { name: connect.data.name })}>
          <Text size="sm">{t('settings.webhookUrlHint')}</Text>
          <Code block>{connect.data.webhook_url}</Code>
        </Alert>
      )}
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Stack gap="xs" mt="md">
          <Group align="flex-end" gap="xs">
            <NativeSelect label={t('settings.channelKind')} w={150} value={kind} onChange={(e) => { setKind(e.currentTarget.value as Kind); setCreds({}); setExtra(''); }} data={KINDS.map((k) => ({ value: k, label: t(`settings.channelKinds.${k}`) }))} />
            <TextInput label={t('settings.channelName')} w={160} value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder={kind} description={t('settings.channelNameHint')} />
            <TextInput label={t('settings.shopUrl')} required type="url" w={320} value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} placeholder={BASE_URL[kind]} />
          </Group>
          <Group align="flex-end" gap="xs">
            {FIELDS[kind].map((f) => (
              <PasswordInput key={f} label={t(`settings.cred.${kind}.${f}`)} required={f !== 'webhook_secret'} w={220} value={creds[f] ?? ''} onChange={(e) => setCreds({ ...creds, [f]: e.currentTarget.value })} autoComplete="off" />
            ))}
            {settingsKey && <TextInput label={t(`settings.channelSetting.${settingsKey}`)} w={220} value={extra} onChange={(e) => setExtra(e.currentTarget.value)} />}
          </Group>
          <Group><Button type="submit" loading={connect.isPending} disabled={!baseUrl}>{t('settings.connect')}</Button></Group>
          <Text size="xs" c="dimmed">{t('settings.credentialsHint')}</Text>
        </Stack>
      </form>
      <ErrorNote error={connect.error ?? sync.error ?? disconnect.error ?? channels.error} />
    </Section>
  );
}
