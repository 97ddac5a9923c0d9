/**
 * Tracking ingestion into PostgreSQL with the exception rules evaluated on every event:
 * N parcels (shipments labeled through the normal flow is too slow to set up at this size, so
 * orders and shipments are inserted directly), then events in batches as carriers and the
 * webhook endpoint deliver them, 5 % of them late — each batch matched, deduplicated, stored, statuses recomputed
 * from every event of the parcel, shipments and orders moved, rules run, cases opened.
 *
 *   npm run bench:tracking [-- --parcels 20000 --events 200000 --batch 1000 --lanes 2]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { seededRandom } from '../src/kernel/random.js';
import { buildLastmile } from '../src/main.js';
import type { IncomingEvent } from '../src/tracking/ports.js';
import type { SubStatus, TrackingStatus } from '../src/tracking/taxonomy.js';
import { createPostgresDatabase, postgresAvailable } from '../test/helpers/engines.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const PARCELS = arg('parcels', 20_000);
const EVENTS = arg('events', 200_000);
const BATCH = arg('batch', 1000);
const LANES = arg('lanes', 2);

if (!(await postgresAvailable())) {
  console.log('PostgreSQL not reachable at TEST_DATABASE_URL: this benchmark needs it');
  process.exit(0);
}
const pg = await createPostgresDatabase();
const lm = await buildLastmile({ ...loadConfig({ LASTMILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'lm-bench-trk-')) }), logLevel: 'silent', databaseUrl: pg.url, trackingScanMs: 0 });
try {
  const { tenant } = await lm.services.tenants.ensureTenant('bench');
  const sql = lm.database.executeSql;
  const t0 = Date.now();
  await sql(`insert into orders (id, tenant_id, channel, external_id, warehouse_id, status, customer_type, ship_to, lines, order_value_amount, currency, service_level, delivery_preference, tags, source_ref, decision)
    select 'ord_b' || g, $1, 'bench', 'B-' || g, null, 'fulfilling', 'b2c', '{"name":"X","line1":"1 Main St","city":"Boston","state":"MA","postal_code":"02108","country":"US"}'::jsonb, '[]'::jsonb,
      5000, 'USD', 'standard', '{"type":"home"}'::jsonb, '{}', 'bench', '{"chosen":{"promise":{"expected":"2026-11-27","latest":"2026-11-28"}}}'::jsonb
    from generate_series(1, $2::int) g`, [tenant.id, PARCELS]);
  await sql(`insert into shipments (id, tenant_id, order_id, warehouse_id, status, carrier, service, card, service_name, sample, reference, ship_from, ship_to, packages, tracking_numbers, options, labeled_at)
    select 'shp_b' || g, $1, 'ord_b' || g, 'wh_bench', 'labeled', 'ups', 'ground', 'sample-ups-ground', 'Ground', true, 'B-' || g, '{}'::jsonb,
      '{"name":"X","line1":"1 Main St","city":"Boston","state":"MA","postal_code":"02108","country":"US"}'::jsonb, '[]'::jsonb, array['BT' || lpad(g::text, 10, '0')],
      case when g % 10 = 0 then '{"signature":"direct","insured_value":null,"cod":null}'::jsonb else '{"signature":null,"insured_value":null,"cod":null}'::jsonb end, now()
    from generate_series(1, $2::int) g`, [tenant.id, PARCELS]);
  await sql(`insert into parcels (tenant_id, tracking_number, shipment_id) select $1, 'BT' || lpad(g::text, 10, '0'), 'shp_b' || g from generate_series(1, $2::int) g`, [tenant.id, PARCELS]);
  await sql('analyze');
  console.log(`set up ${PARCELS} parcels in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Each parcel walks a realistic path; some fail an attempt, some get stuck in customs, a few deliver without proof.
  const rnd = seededRandom(7);
  const path: [string, TrackingStatus, SubStatus | null][] = [
    ['LABEL_CREATED', 'info_received', 'label_created'], ['PICKED_UP', 'in_transit', 'picked_up'], ['ARRIVED', 'in_transit', 'arrived_facility'],
    ['DEPARTED', 'in_transit', 'departed_facility'], ['ARRIVED', 'in_transit', 'arrived_facility'], ['OUT_FOR_DELIVERY', 'out_for_delivery', null],
    ['ATTEMPTED', 'attempt_failed', 'recipient_not_available'], ['OUT_FOR_DELIVERY', 'out_for_delivery', null], ['DELIVERED', 'delivered', null],
  ];
  const step = new Uint8Array(PARCELS);
  const events: IncomingEvent[] = [];
  const start = Date.parse('2026-11-23T08:00:00Z');
  for (let i = 0; i < EVENTS; i++) {
    const p = Math.floor(rnd() * PARCELS);
    const k = Math.min(step[p]!++, path.length - 1);
    const [code, status, sub] = path[k]!;
    const delivered = status === 'delivered';
    events.push({
      tracking_number: `BT${String(p + 1).padStart(10, '0')}`, carrier: 'ups', code: k >= path.length - 1 ? `${code}_${i}` : code, description: code.toLowerCase(),
      occurred_at: new Date(start + k * 3_600_000 * 6 + (p % 3600) * 1000 + (k >= path.length - 1 ? i : 0)).toISOString(), location: 'Boston, MA',
      status, sub_status: sub, known: true, proof: delivered ? (rnd() < 0.9 ? { signed_by: 'SIGNED' } : { photo: false }) : null, source: 'bench',
    });
  }
  // 5 % of events arrive late (up to 5,000 events after their time): those parcels' histories are re-read.
  for (let i = events.length - 1; i >= 0; i--) {
    if (rnd() < 0.05) {
      const j = Math.min(events.length - 1, i + 1 + Math.floor(rnd() * 5000));
      const [e] = events.splice(i, 1);
      events.splice(j, 0, e!);
    }
  }
  const t1 = process.hrtime.bigint();
  const r = await lm.services.tracking.ingestStream(tenant.id, events, { batch: BATCH, lanes: LANES });
  const accepted = r.accepted;
  const cases = r.cases_opened;
  const s = Number(process.hrtime.bigint() - t1) / 1e9;
  const scanT = Date.now();
  const scan = await lm.services.tracking.scan(tenant.id, { now: new Date('2026-12-10T12:00:00Z') });
  console.log(`ingested ${EVENTS} events (${accepted} new, ${EVENTS - accepted} duplicates) in batches of ${BATCH} on ${LANES} lanes: ${(EVENTS / s).toFixed(0)} events/s, rules evaluated per event; ${cases} cases opened`);
  console.log(`scheduled scan of ${scan.shipments} open parcels: ${((Date.now() - scanT) / 1000).toFixed(1)} s, ${scan.cases_opened.length} cases opened`);
} finally {
  await lm.close();
  await pg.drop();
}
