import { Alert, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Candidate, Decision } from '../../api/orders';
import { date, money, percent } from '../../format';

const plain = (name: string) => name.replace(/\s*\(sample[^)]*\)$/, '');

/** One candidate's price: base, each surcharge with its label, fuel. */
function Breakdown({ c }: { c: Candidate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Text size="xs" c="dimmed">
      {t('order.base')} {money(c.price.base, lang)}
      {c.price.surcharges.map((s) => ` · ${t(`surcharge.${s.code}`, s.label)}${lang === 'zh' && s.code === 'delivery_area' ? ` (${s.label.replace(/^.*\((.*)\)$/, '$1')})` : ''} ${money(s.amount, lang)}`)}
      {(c.price.discounts ?? []).map((x) => ` · ${t('order.discount')} ${x.label} −${money(x.amount, lang)}`)}
      {c.price.fuel.amount.amount > 0 && ` · ${t('order.fuel')} ${c.price.fuel.percent}% ${money(c.price.fuel.amount, lang)}`}
    </Text>
  );
}

/** The decision as a seller checks it: the sentence, the facts, every candidate itemized, what was excluded and why. */
export function DecisionPanel({ d }: { d: Decision }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sentence = lang === 'zh' ? d.explanation.zh : d.explanation.en;
  // Where prices came from is worth a word only when some are the carriers' own.
  const anyLive = d.candidates.some((c) => c.price_source === 'live');
  return (
    <Stack>
      <Card withBorder>
        <Group gap="xs" mb="xs">
          <Badge variant="light">{t(`order.mode.${d.mode}`)}</Badge>
          <Badge variant="outline">{t(`order.addressType.${d.facts.address_type}`)}</Badge>
          {d.pickup_point && <Badge variant="outline">{d.pickup_point.name}</Badge>}
          {d.accessorials.map((a) => <Badge key={a} variant="dot">{a.replace(/_/g, ' ')}</Badge>)}
        </Group>
        <Text data-testid="explanation">{sentence}</Text>
        {d.waiting && <Alert mt="sm" color="orange" title={t('order.waiting')}>{d.waiting.reason}</Alert>}
      </Card>
      <Title order={3} size="h5">{t('order.candidates')}</Title>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" data-testid="candidates">
          <Table.Thead>
            <Table.Tr>
              {(['service', 'total', 'arrives', 'promise', 'risk', 'expected'] as const).map((k) => <Table.Th key={k} scope="col">{t(`order.col.${k}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.candidates.map((c) => (
              <Table.Tr key={c.card} {...(c.card === d.chosen?.card ? { bg: 'var(--mantine-color-blue-light)' } : {})}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={c.card === d.chosen?.card ? 700 : 400}>{plain(c.name)}{c.card === d.chosen?.card ? ` · ${t('order.chosen')}` : ''}</Text>
                    {anyLive && c.price_source && <Badge size="xs" variant={c.price_source === 'live' ? 'light' : 'outline'} color={c.price_source === 'live' ? 'teal' : 'gray'} data-testid={`price-source-${c.card}`}>{t(`order.priceSource.${c.price_source}`)}</Badge>}
                  </Group>
                  <Breakdown c={c} />
                </Table.Td>
                <Table.Td>{money(c.total, lang)}</Table.Td>
                <Table.Td>{date(c.promise.expected, lang)}</Table.Td>
                <Table.Td>{date(c.promise.promise_by, lang)}</Table.Td>
                <Table.Td>{t(`order.risk.${c.score.risks.late.label}`)} ({percent(c.score.risks.late.probability, lang)})</Table.Td>
                <Table.Td>{money(c.score.expected_total, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {d.excluded.length > 0 && (
        <>
          <Title order={3} size="h5">{t('order.excluded')}</Title>
          <List size="sm" data-testid="excluded">
            {d.excluded.map((e) => <List.Item key={e.card}><b>{e.card.replace(/^sample-/, '')}</b> · {t(`excludedCode.${e.code}`, e.code)}: {e.reason}</List.Item>)}
          </List>
        </>
      )}
    </Stack>
  );
}
