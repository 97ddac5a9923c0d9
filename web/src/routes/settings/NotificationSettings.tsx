import { Alert, Button, Card, Checkbox, Code, Group, NativeSelect, NumberInput, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotificationSettings, useRotateNotificationSecret, useSaveNotificationSettings, type NotificationSettings as Settings, type NotificationSettingsInput } from '../../api/settings';
import { ErrorNote } from '../../components/ErrorNote';

const KINDS = ['shipped', 'out_for_delivery', 'delivered', 'problem'] as const;
const LANGUAGES = ['en', 'zh', 'es', 'th', 'vi'] as const;
interface Smtp { host: string; port: number; secure: boolean; user: string; password: string; from: string }
type Draft = Omit<NotificationSettingsInput, 'smtp'> & { smtp: Smtp };

/** The form's copy of the settings: what the API shows, with the SMTP password typed fresh (blank keeps the stored one). */
function draftOf(s: Settings): Draft {
  const { webhook_secret_set: _w, smtp, ...rest } = s;
  return { ...rest, smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user ?? '', password: '', from: smtp.from } : { host: '', port: 587, secure: false, user: '', password: '', from: '' } };
}

/** What the API takes: SMTP only for the SMTP channel, empty user and password left out (a password left out keeps the stored one). */
function bodyOf(d: Draft): NotificationSettingsInput {
  const { user, password, ...smtp } = d.smtp;
  return { ...d, webhook_url: d.webhook_url || null, smtp: d.channel === 'smtp' ? { ...smtp, ...(user ? { user } : {}), ...(password ? { password } : {}) } : null };
}

/** Customer notifications: on or off, which messages, through which channel, in which language. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const current = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const rotate = useRotateNotificationSecret();
  const [d, setD] = useState<Draft | null>(null);
  useEffect(() => {
    if (current.data && !d) setD(draftOf(current.data));
  }, [current.data, d]);
  if (!d) return <Card withBorder><Title order={3} size="h4">{t('settings.notifications')}</Title><ErrorNote error={current.error} /></Card>;
  const set = (x: Partial<Draft>) => setD({ ...d, ...x });
  const smtp = (x: Partial<Smtp>) => setD({ ...d, smtp: { ...d.smtp, ...x } });
  const secret = save.data?.webhook_secret ?? rotate.data?.webhook_secret;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">{t('settings.notifications')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('settings.notificationsHint')}</Text>
      <form onSubmit={(e) => {
        e.preventDefault();
        save.mutate(bodyOf(d), { onSuccess: (s) => setD(draftOf(s)) });
      }}>
        <Stack gap="xs">
          <Checkbox label={t('settings.notifyEnabled')} checked={!!d.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
          <Checkbox.Group label={t('settings.notifyKinds')} value={d.kinds ?? []} onChange={(v) => set({ kinds: KINDS.filter((k) => v.includes(k)) })}>
            <Group gap="sm" mt={4}>{KINDS.map((k) => <Checkbox key={k} value={k} label={t(`settings.kind.${k}`)} />)}</Group>
          </Checkbox.Group>
          <Group align="flex-end">
            <NativeSelect label={t('settings.notifyChannel')} w={200} value={d.channel ?? 'log'} onChange={(e) => set({ channel: e.currentTarget.value as 'log' })}
              data={(['log', 'webhook', 'smtp'] as const).map((c) => ({ value: c, label: t(`settings.notifyVia.${c}`) }))} />
            <NativeSelect label={t('settings.notifyLanguage')} w={220} value={d.language ?? ''} onChange={(e) => set({ language: (e.currentTarget.value || null) as 'en' | null })}
              data={[{ value: '', label: t('settings.byCountry') }, ...LANGUAGES.map((l) => ({ value: l, label: l }))]} />
          </Group>
          {d.channel === 'webhook' && (
            <TextInput label={t('settings.url')} required type="url" w={420} value={d.webhook_url ?? ''} onChange={(e) => set({ webhook_url: e.currentTarget.value || null })} placeholder="https://example.com/hooks/notify"
              description={current.data?.webhook_secret_set ? t('settings.secretIsSet') : undefined} />
          )}
          {d.channel === 'smtp' && (
            <Group align="flex-end" gap="xs" data-testid="smtp">
              <TextInput label={t('settings.smtpHost')} required w={200} value={d.smtp.host} onChange={(e) => smtp({ host: e.currentTarget.value })} />
              <NumberInput label={t('settings.smtpPort')} w={90} min={1} max={65535} hideControls value={d.smtp.port} onChange={(v) => smtp({ port: Number(v) || 587 })} />
              <Checkbox mb={8} label={t('settings.smtpTls')} checked={d.smtp.secure} onChange={(e) => smtp({ secure: e.currentTarget.checked })} />
              <TextInput label={t('settings.smtpUser')} w={160} value={d.smtp.user} onChange={(e) => smtp({ user: e.currentTarget.value })} autoComplete="off" />
              <PasswordInput label={t('settings.smtpPassword')} w={180} value={d.smtp.password} onChange={(e) => smtp({ password: e.currentTarget.value })} autoComplete="new-password"
                placeholder={current.data?.smtp?.password_set ? t('settings.keepStored') : ''} />
              <TextInput label={t('settings.smtpFrom')} required w={240} value={d.smtp.from} onChange={(e) => smtp({ from: e.currentTarget.value })} placeholder="Shop <ship@example.com>" />
            </Group>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>{t('settings.saveNotifications')}</Button>
            {current.data?.channel === 'webhook' && current.data.webhook_secret_set && <Button variant="default" loading={rotate.isPending} onClick={() => rotate.mutate()}>{t('settings.rotateSecret')}</Button>}
          </Group>
        </Stack>
      </form>
      {save.isSuccess && !secret && <Text size="sm" role="status" mt="xs">{t('settings.saved')}</Text>}
      {secret && (
        <Alert color="yellow" title={t('settings.signingSecret')} role="status" mt="xs" data-testid="secret">
          <Code block>{secret}</Code>
          <Text size="sm" mt="xs">{t('settings.shownOnce')}</Text>
        </Alert>
      )}
      <ErrorNote error={save.error ?? rotate.error} />
    </Card>
  );
}
