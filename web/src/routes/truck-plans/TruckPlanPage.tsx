import { Alert, Anchor, Badge, Button, Card, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useJob } from '../../api/jobs';
import { useMapStyle, useTruckPlan, type TruckPlan, type TruckRoute } from '../../api/truckPlans';
import { ErrorNote } from '../../components/ErrorNote';
import { date } from '../../format';
import { localeOf } from '../../i18n';
import { ROUTE_COLOURS, RouteMap } from './RouteMap';
import { stateColour } from './TruckPlansPage';

// MapLibre (and its WebGL renderer) loads only when the server has a tile style and the map is shown.
const TileRouteMap = lazy(() => import('./TileRouteMap'));

/** The routes on the tenant's tile map when the server has one, else (or on request, or when it fails) on the offline outlines. */
function PlanMap({ plan, highlight }: { plan: TruckPlan; highlight: string | null }) {
  const { t } = useTranslation();
  const style = useMapStyle().data?.style_url ?? null;
  const [outline, setOutline] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const tiles = !!style && !outline && !failed;
  return (
    <Stack gap="xs">
      {style && (
        <div role="group" aria-label={t('truck.mapKind')}>
          <Button.Group>
            <Button size="xs" variant={tiles ? 'filled' : 'default'} aria-pressed={tiles} disabled={!!failed} onClick={() => setOutline(false)}>{t('truck.streetMap')}</Button>
            <Button size="xs" variant={tiles ? 'default' : 'filled'} aria-pressed={!tiles} onClick={() => setOutline(true)}>{t('truck.outlineMap')}</Button>
          </Button.Group>
        </div>
      )}
      {failed && <Alert color="yellow" role="status" data-testid="tile-map-failed">{t('truck.tilesFailed', { reason: failed })}</Alert>}
      {tiles ? (
        <Suspense fallback={<Text c="dimmed">{t('app.loading')}</Text>}>
          <TileRouteMap plan={plan} highlight={highlight} styleUrl={style} onFail={setFailed} />
        </Suspense>
      ) : <RouteMap plan={plan} highlight={highlight} />}
    </Stack>
  );
}

/** A time of the plan in the warehouse's own zone, as the plan states it ("…T09:30:00-07:00"). */
const clock = (iso: string) => iso.slice(11, 16);

/** A truck plan: its progress while it is solved, then the map and each vehicle's stops in order. */
export function TruckPlanPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const plan = useTruckPlan(id);
  const job = useJob(plan.data && plan.data.state !== 'succeeded' && plan.data.state !== 'failed' ? plan.data.job_id : null);
  const [highlight, setHighlight] = useState<string | null>(null);
  if (plan.error) return <ErrorNote error={plan.error} />;
  const p = plan.data;
  if (!p) return null;
  const r = p.result;
  const progress = job.data?.progress;
  const fmt = new Intl.NumberFormat(localeOf(i18n.language), { maximumFractionDigits: 1 });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('truck.planTitle', { date: date(p.date, i18n.language) })}</Title>
        <Badge variant="light" c="dark.9" color={stateColour(p.state)} data-testid="plan-state">{t(`batch.state.${p.state}`, p.state)}</Badge>
      </Group>
      <Anchor component={Link} to="/truck-plans" size="sm">{t('truck.back')}</Anchor>
      {!r && p.state !== 'failed' && (
        <Alert color="blue" role="status" title={t('truck.solving')}>
          <Progress value={progress?.total ? (100 * progress.done) / progress.total : 0} aria-label={t('batch.progress')} />
        </Alert>
      )}
      {p.state === 'failed' && <Alert color="red" role="alert" title={t('truck.failed')}>{job.data?.error?.message ?? ''}</Alert>}
      {r && (
        <>
          <Text data-testid="plan-totals">{t('truck.totalsLine', { planned: r.totals.planned, orders: r.totals.orders, vehicles: r.totals.vehicles, km: fmt.format(r.totals.distance_km) })}</Text>
          {r.warnings.length > 0 && <Alert color="yellow" title={t('truck.warnings')}><List size="sm">{r.warnings.map((w) => <List.Item key={w}>{w}</List.Item>)}</List></Alert>}
          {r.unassigned.length > 0 && (
            <Alert color="red" title={t('truck.unassigned', { count: r.unassigned.length })} data-testid="plan-unassigned">
              <List size="sm">{r.unassigned.map((u) => <List.Item key={u.order_id}><Anchor component={Link} to={`/orders/${u.order_id}`} size="sm" c="dark.9" underline="always">{u.order_id}</Anchor>: {u.reason}</List.Item>)}</List>
            </Alert>
          )}
          <PlanMap plan={p} highlight={highlight} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {r.routes.map((route, i) => (
              <RouteCard key={route.vehicle_id} planId={p.id} route={route} colour={ROUTE_COLOURS[i % ROUTE_COLOURS.length]!} fmt={fmt}
                onHover={(on) => setHighlight(on ? route.vehicle_id : null)} />
            ))}
          </SimpleGrid>
          {r.routes.length === 0 && <Text c="dimmed">{t('truck.noRoutes')}</Text>}
        </>
      )}
    </Stack>
  );
}

function RouteCard({ planId, route, colour, fmt, onHover }: { planId: string; route: TruckRoute; colour: string; fmt: Intl.NumberFormat; onHover: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder onMouseEnter={() => onHover(true)} onMouseLeave={() => onHover(false)} onFocus={() => onHover(true)} onBlur={() => onHover(false)} data-testid="route-card">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <span aria-hidden="true" style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 7, background: colour }} />
          <Title order={3} size="h5">{route.vehicle_id}</Title>
        </Group>
        <Button component="a" size="xs" variant="default" href={`/v1/truck-plans/${planId}/sheets/${encodeURIComponent(route.vehicle_id)}`} target="_blank" rel="noopener">{t('truck.sheet')}</Button>
      </Group>
      <Text size="sm">{t('truck.routeLine', { departure: clock(route.departure), return: clock(route.return), km: fmt.format(route.distance_km), stops: route.stops.length, kg: fmt.format(route.load.weight_kg) })}</Text>
      <Table mt="xs" verticalSpacing={4} fz="sm">
        <caption style={{ position: 'absolute', left: -10000 }}>{route.vehicle_id}</caption>
        <Table.Thead><Table.Tr><Table.Th scope="col">#</Table.Th><Table.Th scope="col">{t('truck.stop')}</Table.Th><Table.Th scope="col">{t('truck.eta')}</Table.Th><Table.Th scope="col">{t('truck.window')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {route.stops.map((s) => (
            <Table.Tr key={s.order_id}>
              <Table.Td>{s.sequence}</Table.Td>
              <Table.Td><Anchor component={Link} to={`/orders/${s.order_id}`} size="sm">{s.name ?? s.external_id}</Anchor><Text size="xs" c="dimmed">{s.address}</Text></Table.Td>
              <Table.Td>{clock(s.eta)}</Table.Td>
              <Table.Td>{clock(s.customer_window.start)}–{clock(s.customer_window.end)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
