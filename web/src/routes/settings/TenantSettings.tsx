import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { useUpdateTenant } from '../../api/tenant';
import { ErrorNote } from '../../components/ErrorNote';
import { Section } from '../../components/ListTable';

// The zones this browser knows (Intl), for the picker; the API checks the one chosen.
const ZONES: string[] = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'Asia/Shanghai'];

/** The tenant's own settings: the currency money is entered in, and the time zone its days are counted and dates shown in. */
export function TenantSettings() {
  const { t } = useTranslation();
  const tenant = useSession().data?.tenant;
  const update = useUpdateTenant();
  const [currency, setCurrency] = useState(tenant?.currency ?? 'USD');
  const [zone, setZone] = useState(tenant?.time_zone ?? '');
  if (!tenant) return null;
  return (
    <Section title={t('settings.organisation', { name: tenant.name })} hint={t('settings.organisationHint')}>
      <form onSubmit={(e) => { e.preventDefault(); update.mutate({ currency: currency.trim(), time_zone: zone || null }); }}>
        <Group align="flex-end">
          <TextInput label={t('settings.currency')} required maxLength={3} w={140} value={currency} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} description="USD, CNY, EUR…" />
          <NativeSelect label={t('settings.timeZone')} w={280} value={zone} onChange={(e) => setZone(e.currentTarget.value)}
            data={[{ value: '', label: t('settings.browserZone') }, ...(zone && !ZONES.includes(zone) ? [zone] : []), ...ZONES]} />
          <Button type="submit" loading={update.isPending}>{t('settings.saveOrganisation')}</Button>
        </Group>
      </form>
      {update.data && <Text size="sm" role="status" mt="xs" data-testid="tenant-saved">{t('settings.tenantSaved', { currency: update.data.currency, zone: update.data.time_zone ?? t('settings.browserZone') })}</Text>}
      <ErrorNote error={update.error} />
    </Section>
  );
}
