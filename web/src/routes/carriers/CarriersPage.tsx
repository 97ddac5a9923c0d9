import { Badge, Button, Card, Checkbox, Code, FileInput, Group, NativeSelect, PasswordInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCarrierAccounts, useDeleteCarrierAccount, useTestCarrierAccount, type AccountTest, type CarrierAccountInput, useImportRateCard, useImportZoneChart, useRateCard, useRateCards, useSaveCarrierAccount, useZoneCharts } from '../../api/carriers';
import { useSession } from '../../api/session';
import { ErrorNote } from '../../components/ErrorNote';
import { ListTable, Section } from '../../components/ListTable';
import { dateTime, money } from '../../format';

type Grid = { zones: string[]; rows: { weight: { value: number; unit: string }; prices: number[] }[] };
const gridOf = (card: Record<string, unknown> | undefined): Grid | null => {
  const p = card?.['prices'] as Grid | undefined;
  return p && Array.isArray(p.zones) && Array.isArray(p.rows) ? p : null;
};

/** A card's price grid as the carrier's table: weights down, zones across. */
function GridView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const card = useRateCard(id);
  const [all, setAll] = useState(false);
  if (card.error) return <ErrorNote error={card.error} />;
  const doc = card.data?.card;
  const grid = gridOf(doc);
  if (!card.data) return null;
  if (!grid) return <Text size="sm" c="dimmed">{t('carriers.noGrid')}</Text>;
  const currency = String(doc?.['currency'] ?? 'USD');
  const rows = all ? grid.rows : grid.rows.slice(0, 20);
  return (
    <Stack gap="xs" data-testid="grid">
      <Table striped verticalSpacing={2} fz="xs">
        <caption style={{ position: 'absolute', left: -10000 }}>{String(doc?.['name'] ?? id)}</caption>
        <Table.Thead><Table.Tr><Table.Th scope="col">{t('carriers.weight')}</Table.Th>{grid.zones.map((z) => <Table.Th key={z} scope="col">{t('carriers.zone', { zone: z })}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.weight.value}${r.weight.unit}`}>
              <Table.Th scope="row">{r.weight.value} {r.weight.unit}</Table.Th>
              {r.prices.map((p, i) => <Table.Td key={i}>{money({ amount: p, currency }, i18n.language)}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {grid.rows.length > 20 && <Group><Button size="xs" variant="default" onClick={() => setAll(!all)}>{all ? t('carriers.fewer') : t('carriers.allRows', { count: grid.rows.length })}</Button></Group>}
    </Stack>
  );
}

function RateCards({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const cards = useRateCards();
  const importer = useImportRateCard();
  const [open, setOpen] = useState<string | null>(null);
  const [doc, setDoc] = useState('');
  const [grid, setGrid] = useState<File | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const submit = async () => {
    let card: unknown;
    try {
      card = JSON.parse(doc);
    } catch (e) {
      setParseError(t('carriers.notJson', { error: (e as Error).message }));
      return;
    }
    setParseError(null);
    importer.mutate({ card: card as never, ...(grid ? { prices_csv: await grid.text() } : {}) });
  };
  return (
    <Section title={t('carriers.cards')} hint={t('carriers.cardsHint')}>
      <ListTable caption={t('carriers.cards')} testId="rate-cards" headers={[t('carriers.service'), t('carriers.code'), t('carriers.effective'), t('carriers.source'), t('shipments.actions')]}>
          {(cards.data?.data ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td><Text size="sm" fw={600}>{c.name}</Text><Text size="xs" c="dimmed">{c.carrier.toUpperCase()} · {c.service} · {c.currency}</Text></Table.Td>
              <Table.Td><Code>{c.code}</Code></Table.Td>
              <Table.Td>{c.effective_from}</Table.Td>
              <Table.Td>
                <Badge variant="light" c="dark.9" color={c.sample ? 'gray' : 'blue'}>{c.sample ? t('carriers.sample') : t('carriers.yours')}</Badge>
                {c.hidden_by && <Text size="xs" c="dimmed">{t('carriers.replacedBy', { code: c.hidden_by })}</Text>}
              </Table.Td>
              <Table.Td><Button size="xs" variant="default" aria-expanded={open === c.id} onClick={() => setOpen(open === c.id ? null : c.id)}>{t('carriers.grid')}</Button></Table.Td>
            </Table.Tr>
          ))}
      </ListTable>
      {open && <GridView id={open} />}
      {canWrite && (
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Stack gap="xs" mt="md">
            <Title order={4} size="h5">{t('carriers.import')}</Title>
            <Textarea label={t('carriers.cardDoc')} description={t('carriers.cardDocHint')} required autosize minRows={4} maxRows={14} value={doc} onChange={(e) => setDoc(e.currentTarget.value)} styles={{ input: { fontFamily: 'monospace' } }} />
            <FileInput label={t('carriers.gridCsv')} description={t('carriers.gridCsvHint')} accept=".csv,text/csv" value={grid} onChange={setGrid} clearable clearButtonProps={{ 'aria-label': t('import.clear') }} w={420} />
            <Group><Button type="submit" loading={importer.isPending} disabled={!doc.trim()}>{t('carriers.importButton')}</Button></Group>
            {parseError && <Text c="red.9" size="sm" role="alert">{parseError}</Text>}
            <ErrorNote error={importer.error} />
            {importer.data && <Text size="sm" role="status" data-testid="imported">{t('carriers.imported', { code: String(importer.data.card['code']), date: String(importer.data.card['effective_from']) })}</Text>}
          </Stack>
        </form>
      )}
    </Section>
  );
}

/** The zone charts imported (each origin's), and an import: a USPS chart as its JSON, or a carrier's zone table as CSV. */
function ZoneCharts({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const charts = useZoneCharts();
  const importer = useImportZoneChart();
  const [format, setFormat] = useState<'usps' | 'csv'>('usps');
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState('');
  const [from, setFrom] = useState('');
  const [notJson, setNotJson] = useState<string | null>(null);
  const rows = charts.data?.data ?? [];
  const submit = async () => {
    if (!file) return;
    setNotJson(null);
    const text = await file.text();
    if (format === 'csv') return importer.mutate({ format: 'csv', code: code.trim(), effective_from: from, csv: text });
    try {
      importer.mutate({ format: 'usps', chart: JSON.parse(text) as unknown });
    } catch (e) {
      setNotJson((e as Error).message);
    }
  };
  const done = importer.data;
  return (
    <Section title={t('carriers.zones')} hint={t('carriers.zonesHint')}>
      {rows.length === 0 ? <Text size="sm" c="dimmed">{t('carriers.noZones')}</Text> : (
        <ListTable caption={t('carriers.zones')} testId="zone-charts" headers={[t('carriers.zoneCode'), t('carriers.zoneOrigin'), t('carriers.effective'), t('carriers.zoneRows')]}>
          {rows.map((z) => (
            <Table.Tr key={`${z.code}|${z.origin}|${z.effective_from}`}>
              <Table.Td><Code>{z.code}</Code></Table.Td><Table.Td>{z.origin}</Table.Td><Table.Td>{z.effective_from}</Table.Td><Table.Td>{z.zip3_rows} + {z.zip5_rows}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      {canWrite && (
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Group align="flex-end" mt="md">
            <NativeSelect label={t('carriers.zoneFormat')} w={220} value={format} onChange={(e) => setFormat(e.currentTarget.value as 'usps' | 'csv')}
              data={[{ value: 'usps', label: t('carriers.zoneUsps') }, { value: 'csv', label: t('carriers.zoneCsv') }]} />
            {format === 'csv' && <TextInput label={t('carriers.zoneCode')} required w={140} value={code} onChange={(e) => setCode(e.currentTarget.value)} placeholder="ontrac" />}
            {format === 'csv' && <TextInput label={t('carriers.effective')} required type="date" w={160} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />}
            <FileInput label={t('carriers.zoneFile')} required accept={format === 'csv' ? '.csv,text/csv' : '.json,application/json'} value={file} onChange={setFile} w={280} clearable clearButtonProps={{ 'aria-label': t('import.clear') }} />
            <Button type="submit" loading={importer.isPending} disabled={!file}>{t('carriers.zoneImport')}</Button>
          </Group>
        </form>
      )}
      {notJson && <Text c="red.9" size="sm" role="alert">{t('carriers.fileNotJson', { error: notJson })}</Text>}
      <ErrorNote error={importer.error} />
      {done && <Text size="sm" role="status" data-testid="zone-imported">{'origin' in done ? t('carriers.zoneImported', { code: done.code, origin: done.origin, date: done.effective_from }) : t('carriers.zoneTableImported', { code: done.code, origins: done.origins, date: done.effective_from })}</Text>}
    </Section>
  );
}

/** What a connection test found: the sample rate and how long the carrier took, or the carrier's own error. */
function TestResult({ r }: { r: AccountTest }) {
  const { t, i18n } = useTranslation();
  if (r.kind === 'offline') return <Text size="xs" role="status">{t('carriers.testOffline')}</Text>;
  const checks = r.checks.length > 0 && <Text size="xs" c="dimmed" data-testid="account-checks">{r.checks.map((c) => `${c.ok === true ? '✓' : c.ok === false ? '✗' : '–'} ${t(`carriers.check.${c.name}`)}: ${c.message}`).join(' · ')}</Text>;
  if (r.ok) {
    const rate = r.rates[0];
    return <><Text size="xs" role="status" data-testid="account-test">{t('carriers.testOk', { ms: r.latency_ms ?? 0, rate: rate ? `${rate.service} ${money(rate.total, i18n.language)}` : '—' })}</Text>{checks}</>;
  }
  return <><Text size="xs" c="red.9" role="status" data-testid="account-test">{t('carriers.testFailed', { code: r.error?.code ?? '', message: r.error?.message ?? '' })}{r.error?.carrier_message ? ` · ${r.error.carrier_message}` : ''}</Text>{checks}</>;
}

type Native = 'ups' | 'usps' | 'fedex';

/** A carrier's own API (UPS, USPS, FedEx): its developer app's client credentials, the account that pays, and how labels and rates are used. */
function NativeAccountForm() {
  const { t } = useTranslation();
  const save = useSaveCarrierAccount();
  const [carrier, setCarrier] = useState<Native>('ups');
  const [production, setProduction] = useState(false);
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [account, setAccount] = useState('');
  const [crid, setCrid] = useState('');
  const [mid, setMid] = useState('');
  const [negotiated, setNegotiated] = useState(true);
  const [format, setFormat] = useState<'pdf' | 'zpl'>('pdf');
  const [live, setLive] = useState(true);
  const common = { client_id: clientId.trim(), client_secret: secret, label_format: format, live_rates: live };
  const body = (): CarrierAccountInput => carrier === 'ups'
    ? { kind: 'ups', environment: production ? 'production' : 'sandbox', account_number: account.trim(), negotiated_rates: negotiated, ...common }
    : carrier === 'fedex'
      ? { kind: 'fedex', environment: production ? 'production' : 'sandbox', account_number: account.trim(), rate_type: negotiated ? 'account' : 'list', ...common }
      : { kind: 'usps', environment: production ? 'production' : 'test', crid: crid.trim(), mid: mid.trim(), eps_account: account.trim(), ...common };
  return (
    <Card withBorder mt="md" data-testid="native-form">
      <Title order={4}>{t('carriers.nativeTitle')}</Title>
      <Text size="xs" c="dimmed">{t('carriers.nativeHint')}</Text>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(body(), { onSuccess: () => setSecret('') }); }}>
        <Group align="flex-end" mt="sm">
          <NativeSelect label={t('carriers.carrier')} w={120} value={carrier} onChange={(e) => setCarrier(e.currentTarget.value as Native)} data={[{ value: 'ups', label: 'UPS' }, { value: 'usps', label: 'USPS' }, { value: 'fedex', label: 'FedEx' }]} />
          <NativeSelect label={t('carriers.environment')} w={170} value={production ? 'production' : 'sandbox'} onChange={(e) => setProduction(e.currentTarget.value === 'production')}
            data={[{ value: 'sandbox', label: t('carriers.sandbox') }, { value: 'production', label: t('carriers.production') }]} />
          <TextInput label={t('carriers.clientId')} required w={200} value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} autoComplete="off" />
          <PasswordInput label={t('carriers.clientSecret')} required w={200} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} autoComplete="off" />
          <TextInput label={t(carrier === 'usps' ? 'carriers.epsAccount' : 'carriers.accountNumber')} required w={150} value={account} onChange={(e) => setAccount(e.currentTarget.value)} placeholder={carrier === 'ups' ? 'A1B2C3' : carrier === 'fedex' ? '740561073' : '1000012345'} />
          {carrier === 'usps' && <TextInput label="CRID" required w={120} value={crid} onChange={(e) => setCrid(e.currentTarget.value)} />}
          {carrier === 'usps' && <TextInput label={t('carriers.mid')} required w={120} value={mid} onChange={(e) => setMid(e.currentTarget.value)} />}
          <NativeSelect label={t('carriers.labelFormat')} w={130} value={format} onChange={(e) => setFormat(e.currentTarget.value as 'pdf' | 'zpl')} data={[{ value: 'pdf', label: 'PDF 4×6' }, { value: 'zpl', label: 'ZPL' }]} />
        </Group>
        <Group mt="sm">
          {carrier !== 'usps' && <Checkbox label={t('carriers.negotiatedRates')} checked={negotiated} onChange={(e) => setNegotiated(e.currentTarget.checked)} />}
          <Checkbox label={t('carriers.liveRates')} checked={live} onChange={(e) => setLive(e.currentTarget.checked)} />
          <Button type="submit" loading={save.isPending}>{t('carriers.connectNative', { carrier: carrier === 'fedex' ? 'FedEx' : carrier.toUpperCase() })}</Button>
        </Group>
      </form>
      <ErrorNote error={save.error} />
    </Card>
  );
}

function CarrierAccounts() {
  const { t, i18n } = useTranslation();
  const accounts = useCarrierAccounts();
  const test = useTestCarrierAccount();
  const save = useSaveCarrierAccount();
  const remove = useDeleteCarrierAccount();
  const [carrier, setCarrier] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [authType, setAuthType] = useState<'none' | 'api_key'>('api_key');
  const [key, setKey] = useState('');
  return (
    <Section title={t('carriers.accounts')} hint={t('carriers.accountsHint')}>
      <ListTable caption={t('carriers.accounts')} testId="carrier-accounts" headers={[t('carriers.carrier'), t('carriers.kind'), t('carriers.settings'), t('carriers.savedAt'), t('shipments.actions')]}>
          {(accounts.data?.data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.carrier.toUpperCase()}<Text size="xs" c="dimmed">{a.name}</Text></Table.Td>
              <Table.Td>{a.kind}</Table.Td>
              <Table.Td><Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(a.settings)}</Code></Table.Td>
              <Table.Td>{dateTime(a.created_at, i18n.language)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" loading={test.isPending && test.variables?.id === a.id && !test.variables.labels} onClick={() => test.mutate({ id: a.id })}>{t('carriers.test')}</Button>
                  {['sandbox', 'test'].includes(String(a.settings['environment'] ?? '')) && (
                    <Button size="xs" variant="default" loading={test.isPending && test.variables?.id === a.id && !!test.variables.labels} onClick={() => test.mutate({ id: a.id, labels: true })}>{t('carriers.testLabel')}</Button>
                  )}
                  <Button size="xs" color="red.9" variant="outline" onClick={() => remove.mutate(a.id)}>{t('carriers.remove')}</Button>
                </Group>
                {test.data?.account_id === a.id && <TestResult r={test.data} />}
              </Table.Td>
            </Table.Tr>
          ))}
      </ListTable>
      {accounts.data?.data.length === 0 && <Text size="sm" c="dimmed">{t('carriers.noAccounts')}</Text>}
      <form onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ kind: 'http', carrier: carrier.trim(), base_url: baseUrl.trim(), auth: authType === 'none' ? { type: 'none' } : { type: 'api_key', header: 'authorization', key }, timeout_ms: 10_000 }, { onSuccess: () => setKey('') });
      }}>
        <Group align="flex-end" mt="md">
          <TextInput label={t('carriers.carrier')} required w={120} value={carrier} onChange={(e) => setCarrier(e.currentTarget.value)} placeholder="metro" />
          <TextInput label={t('carriers.baseUrl')} required type="url" w={300} value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} placeholder="https://api.carrier.example" />
          <NativeSelect label={t('carriers.auth')} w={140} value={authType} onChange={(e) => setAuthType(e.currentTarget.value as 'none' | 'api_key')} data={[{ value: 'api_key', label: t('carriers.apiKey') }, { value: 'none', label: t('carriers.noAuth') }]} />
          {authType === 'api_key' && <PasswordInput label={t('carriers.secret')} required w={240} value={key} onChange={(e) => setKey(e.currentTarget.value)} autoComplete="off" />}
          <Button type="submit" loading={save.isPending}>{t('carriers.save')}</Button>
        </Group>
      </form>
      <Text size="xs" c="dimmed" mt={4}>{t('carriers.secretHint')}</Text>
      <ErrorNote error={save.error ?? remove.error ?? test.error ?? accounts.error} />
      <NativeAccountForm />
    </Section>
  );
}

/** Carriers and rates: the rate cards with their grids (import one with the carrier's CSV), zone charts, carrier accounts. */
export function CarriersPage() {
  const { t } = useTranslation();
  const scopes = useSession().data?.scopes ?? [];
  const admin = scopes.includes('admin');
  return (
    <Stack>
      <Title order={2}>{t('carriers.title')}</Title>
      <RateCards canWrite={admin || scopes.includes('rates:write')} />
      <ZoneCharts canWrite={admin || scopes.includes('rates:write')} />
      {admin && <CarrierAccounts />}
    </Stack>
  );
}
