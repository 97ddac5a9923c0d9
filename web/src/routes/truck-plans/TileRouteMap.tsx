import 'maplibre-gl/dist/maplibre-gl.css';
import maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TruckPlan } from '../../api/truckPlans';
import { groupByPlace, planRoutes, sequences, type Point } from './RouteMap';

/**
 * The plan's routes over the tenant's tile server (a MapLibre style): a line per truck from the
 * depot through its stops and back, a numbered marker per place, fitted to the stops. Loaded only
 * when a style is configured; when the style or WebGL fails, `onFail` hands back to the offline map.
 */
export default function TileRouteMap({ plan, highlight, styleUrl, onFail }: { plan: TruckPlan; highlight: string | null; styleUrl: string; onFail: (reason: string) => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const result = plan.result;
  const routes = planRoutes(plan);
  const depot = result?.depot ?? null;

  useEffect(() => {
    if (!box.current) return;
    const points: Point[] = [...(depot ? [depot] : []), ...routes.flatMap((r) => r.stops.map((s) => s.location))];
    if (points.length === 0) return;
    const bounds = new maplibregl.LngLatBounds();
    for (const p of points) bounds.extend([p.lon, p.lat]);
    let m: maplibregl.Map;
    try {
      m = new maplibregl.Map({ container: box.current, style: styleUrl, bounds, fitBoundsOptions: { padding: 40, maxZoom: 14 }, attributionControl: { compact: true } });
    } catch (e) {
      onFail((e as Error).message);
      return;
    }
    map.current = m;
    let ready = false;
    m.on('error', (e) => {
      if (!ready) onFail(e.error?.message ?? 'the map style could not be loaded');
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => {
      ready = true;
      for (const r of routes) {
        const line = [...(depot ? [depot] : []), ...r.stops.map((s) => s.location), ...(depot ? [depot] : [])].map((p) => [p.lon, p.lat]);
        m.addSource(`route-${r.id}`, { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } } });
        m.addLayer({ id: `route-${r.id}`, type: 'line', source: `route-${r.id}`, paint: { 'line-color': r.colour, 'line-width': 3 }, layout: { 'line-join': 'round' } });
        for (const g of groupByPlace(r.stops)) {
          const el = document.createElement('div');
          el.className = 'lm-stop-marker';
          el.dataset['stop'] = g.map((s) => s.order_id).join(' ');
          el.dataset['vehicle'] = r.id;
          // Dark numbers on white inside the route's colour: readable whatever the colour.
          el.style.borderColor = r.colour;
          const label = sequences(g.map((s) => s.sequence));
          el.textContent = label;
          el.title = g.map((s) => `${r.id} #${s.sequence} ${s.name ?? ''} ${s.address}`).join('\n');
          // A picture of the stop, not a control: named by its numbers first, as it shows them.
          el.setAttribute('role', 'img');
          el.setAttribute('aria-label', `${label}: ${el.title}`);
          new maplibregl.Marker({ element: el }).setLngLat([g[0]!.location.lon, g[0]!.location.lat]).addTo(m);
        }
      }
      if (depot) {
        const el = document.createElement('div');
        el.className = 'lm-depot-marker';
        el.title = t('truck.depot');
        el.dataset['testid'] = 'depot';
        el.setAttribute('role', 'img');
        el.setAttribute('aria-label', t('truck.depot'));
        new maplibregl.Marker({ element: el }).setLngLat([depot.lon, depot.lat]).addTo(m);
      }
      setLoaded(true);
    });
    return () => {
      map.current = null;
      m.remove();
    };
    // The map is made once per plan and style; the highlight below only restyles it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan.id, styleUrl, result?.routes.length]);

  useEffect(() => {
    const m = map.current;
    if (!m || !loaded) return;
    for (const r of routes) m.setPaintProperty(`route-${r.id}`, 'line-opacity', highlight !== null && highlight !== r.id ? 0.25 : 1);
    for (const el of box.current?.querySelectorAll<HTMLElement>('.lm-stop-marker') ?? []) el.style.opacity = highlight !== null && highlight !== el.dataset['vehicle'] ? '0.25' : '1';
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight, loaded]);

  const stops = routes.reduce((n, r) => n + r.stops.length, 0);
  return (
    <div ref={box} role="group" aria-label={t('truck.mapLabel', { routes: routes.length, stops })} data-testid="tile-map" data-loaded={loaded ? 'true' : 'false'}
      style={{ width: '100%', height: 560, border: '1px solid #ced4da', borderRadius: 4 }} />
  );
}
