import { Text } from '@mantine/core';
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countiesUrl from 'us-atlas/counties-10m.json?url';
import type { TruckPlan } from '../../api/truckPlans';

/** Colours of the routes, in order: distinct and dark enough on the light map (≥ 3:1 against it). */
export const ROUTE_COLOURS = ['#1c7ed6', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#0b7285', '#5f3dc4', '#862e9c', '#a61e4d', '#364fc7'];

export type Point = { lat: number; lon: number };
type Outlines = { counties: GeoPermissibleObjects; states: GeoPermissibleObjects };

let atlas: Promise<Outlines> | null = null;
/** US county and state outlines (us-atlas, shipped with the app: the map works offline). */
function loadOutlines(): Promise<Outlines> {
  atlas ??= fetch(countiesUrl)
    .then((r) => r.json() as Promise<Topology<{ counties: GeometryCollection; states: GeometryCollection }>>)
    .then((t) => ({ counties: feature(t, t.objects.counties), states: mesh(t, t.objects.states, (a, b) => a !== b) }));
  return atlas;
}

/** Each truck's route with its colour and the stops that have a place, as both maps draw them. */
export function planRoutes(plan: TruckPlan) {
  return (plan.result?.routes ?? []).map((r, i) => ({
    id: r.vehicle_id,
    colour: ROUTE_COLOURS[i % ROUTE_COLOURS.length]!,
    stops: r.stops.filter((s): s is typeof s & { location: Point } => !!s.location),
  }));
}

/** Stops at the same place (one building, or one ZIP centroid) drawn as one marker. */
export function groupByPlace<S extends { location: Point }>(stops: S[]): S[][] {
  const at = new Map<string, S[]>();
  for (const s of stops) {
    const k = `${s.location.lat.toFixed(5)},${s.location.lon.toFixed(5)}`;
    at.set(k, [...(at.get(k) ?? []), s]);
  }
  return [...at.values()];
}

/** "3", "2–7", "2, 5" for the stop numbers of one marker. */
export function sequences(seq: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < seq.length; ) {
    let j = i;
    while (j + 1 < seq.length && seq[j + 1] === seq[j]! + 1) j++;
    parts.push(j > i ? `${seq[i]}–${seq[j]}` : `${seq[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

const W = 900;
const H = 560;

/**
 * The plan's routes on a map: each vehicle's stops in order from the depot and back, numbered,
 * over county and state outlines fitted to the stops. The route tables next to it say the same
 * in words (the map is an image to a screen reader).
 */
export function RouteMap({ plan, highlight }: { plan: TruckPlan; highlight: string | null }) {
  const { t } = useTranslation();
  const [outlines, setOutlines] = useState<Outlines | null>(null);
  useEffect(() => {
    let live = true;
    loadOutlines().then((o) => live && setOutlines(o), () => live && setOutlines(null));
    return () => { live = false; };
  }, []);
  const result = plan.result;
  const depot = result?.depot;
  const routes = planRoutes(plan);
  const points: Point[] = [...(depot ? [depot] : []), ...routes.flatMap((r) => r.stops.map((s) => s.location))];
  const projection = useMemo(() => {
    if (points.length === 0) return null;
    const p = geoMercator();
    const multi = { type: 'MultiPoint' as const, coordinates: points.map((x) => [x.lon, x.lat]) };
    // One point (or all in one place) has no extent: show the few kilometres around it.
    const spread = points.some((x) => Math.abs(x.lat - points[0]!.lat) > 0.005 || Math.abs(x.lon - points[0]!.lon) > 0.005);
    const target = spread ? multi : { type: 'MultiPoint' as const, coordinates: [[points[0]!.lon - 0.05, points[0]!.lat - 0.05], [points[0]!.lon + 0.05, points[0]!.lat + 0.05]] };
    p.fitExtent([[40, 40], [W - 40, H - 40]], target);
    return p.clipExtent([[0, 0], [W, H]]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan.id, result?.routes.length]);
  const path = useMemo(() => (projection ? geoPath(projection) : null), [projection]);
  const outlinePaths = useMemo(() => {
    if (!path || !outlines) return null;
    const counties = (outlines.counties as { features: GeoPermissibleObjects[] }).features.map((f) => path(f)).filter((d): d is string => !!d);
    return { counties, states: path(outlines.states) ?? '' };
  }, [path, outlines]);
  if (!projection || points.length === 0) return <Text c="dimmed">{t('truck.noMap')}</Text>;
  const xy = (p: Point) => projection([p.lon, p.lat]) ?? [0, 0];
  const stops = routes.reduce((n, r) => n + r.stops.length, 0);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('truck.mapLabel', { routes: routes.length, stops })} data-testid="route-map"
      style={{ background: '#f1f3f5', border: '1px solid #ced4da', borderRadius: 4, maxHeight: 560 }}>
      {outlinePaths && (
        <g aria-hidden="true">
          {outlinePaths.counties.map((d, i) => <path key={i} d={d} fill="#fff" stroke="#ced4da" strokeWidth={0.6} />)}
          <path d={outlinePaths.states} fill="none" stroke="#868e96" strokeWidth={1.2} />
        </g>
      )}
      {routes.map((r) => {
        const line = [...(depot ? [depot] : []), ...r.stops.map((s) => s.location), ...(depot ? [depot] : [])].map(xy);
        const dim = highlight !== null && highlight !== r.id;
        return (
          <g key={r.id} data-vehicle={r.id} opacity={dim ? 0.25 : 1}>
            <polyline points={line.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke={r.colour} strokeWidth={2.5} strokeLinejoin="round" />
            {groupByPlace(r.stops).map((g) => {
              const [x, y] = xy(g[0]!.location);
              const label = sequences(g.map((s) => s.sequence));
              const w = Math.max(18, 7 * label.length + 8);
              return (
                <g key={g[0]!.order_id} data-stop={g.map((s) => s.order_id).join(' ')}>
                  <rect x={x - w / 2} y={y - 9} width={w} height={18} rx={9} fill={r.colour} stroke="#fff" strokeWidth={1.5} />
                  <text x={x} y={y + 3.5} textAnchor="middle" fontSize={10} fontWeight={700} fill="#fff">{label}</text>
                  <title>{g.map((s) => `${r.id} #${s.sequence} ${s.name ?? ''} ${s.address}`).join('\n')}</title>
                </g>
              );
            })}
          </g>
        );
      })}
      {depot && (() => {
        const [x, y] = xy(depot);
        return <g data-testid="depot"><rect x={x - 8} y={y - 8} width={16} height={16} fill="#212529" /><title>{t('truck.depot')}</title></g>;
      })()}
    </svg>
  );
}
