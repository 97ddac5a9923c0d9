import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ulidTime } from './kernel/ids.js';
import { migrate, openDatabase, type Database, type OpenOptions } from './adapters/db/database.js';
import { DrizzleIdempotencyStore } from './adapters/db/repositories/idempotency.repo.js';
import { DrizzleJobRepo } from './adapters/db/repositories/job.repo.js';
import { DrizzleOrderRepo } from './adapters/db/repositories/order.repo.js';
import { DrizzleSkuRepo } from './adapters/db/repositories/sku.repo.js';
import { DrizzleApiKeyRepo, DrizzleTenantRepo } from './adapters/db/repositories/tenant.repo.js';
import { DrizzleWarehouseRepo } from './adapters/db/repositories/warehouse.repo.js';
import { DrizzleTruckPlanRepo } from './adapters/db/repositories/truck-plan.repo.js';
import { loadUsZipDirectory } from './adapters/geo/us-zip-directory.js';
import { zipCentroid } from './adapters/geo/zip-centroid.js';
import { AddressesService } from './addresses/addresses.service.js';
import { DrizzleRatingRepo } from './adapters/db/repositories/rating.repo.js';
import { RatingService } from './rating/rating.service.js';
import { PackingService } from './packing/packing.service.js';
import { DrizzleKpiRepo } from './adapters/db/repositories/kpi.repo.js';
import { DrizzleRoutingRepo } from './adapters/db/repositories/routing.repo.js';
import { KpisService } from './kpis/kpis.service.js';
import { RoutingService } from './routing/routing.service.js';
import { Argon2Hasher } from './adapters/crypto/argon2-hasher.js';
import { DrizzleUserRepo } from './adapters/db/repositories/users.repo.js';
import { UsersService } from './users/users.service.js';
import { OsrmMatrix } from './adapters/matrix/osrm-matrix.js';
import { guardedFetch, resolvePublic } from './adapters/net/outbound.js';
import { PgBossQueue } from './adapters/queue/pg-boss-queue.js';
import { haversineMatrixPort } from './fleet/haversine-matrix.js';
import type { DistanceMatrixPort } from './fleet/ports.js';
import { TruckPlansService } from './fleet/truck-plans.service.js';
import { IDEMPOTENCY_TTL_MS, type IdempotencyStore } from './api/idempotency.js';
import { CatalogService } from './catalog/catalog.service.js';
import type { Config } from './config.js';
import { JobsService } from './jobs/jobs.service.js';
import { DrizzleOutboxRepo } from './adapters/db/repositories/outbox.repo.js';
import { DrizzleShipmentRepo } from './adapters/db/repositories/shipment.repo.js';
import { CarrierGateways } from './adapters/carriers/gateways.js';
import { LIVE_RATE_DEFAULTS, LiveRateShop } from './adapters/carriers/live-rate-shop.js';
import { CsvTrackingExport } from './adapters/channels/csv/tracking-export.js';
import { SecretBox } from './kernel/secret-box.js';
import { OutboxService } from './outbox/outbox.service.js';
import { ShipmentsService } from './shipments/shipments.service.js';
import { DrizzleTrackingRepo } from './adapters/db/repositories/tracking.repo.js';
import { TrackingService } from './tracking/tracking.service.js';
import { CHANNEL_FORMATS } from './adapters/channels/index.js';
import { ChannelImportService } from './channels/channel-import.service.js';
import { ChannelsService } from './channels/channels.service.js';
import { channelClient } from './adapters/channels/clients.js';
import { DrizzleChannelsRepo } from './adapters/db/repositories/channels.repo.js';
import { parseGeneric } from './adapters/carriers/tracking/generic.js';
import { DrizzleWebhookRepo } from './adapters/db/repositories/webhook.repo.js';
import { DrizzleNotificationRepo } from './adapters/db/repositories/notification.repo.js';
import { LogNotifier, SmtpNotifier, WebhookNotifier } from './adapters/notify/notifiers.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { WebhooksService } from './webhooks/webhooks.service.js';
import type { JobQueue } from './jobs/ports.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { AppError, loggableError } from './kernel/errors.js';
import { OrderImportService, type CsvFormat } from './orders/import/order-import.service.js';
import { OrdersService } from './orders/orders.service.js';
import { TenantsService } from './tenants/tenants.service.js';
import { WarehousesService } from './warehouses/warehouses.service.js';

export interface Services {
  addresses: AddressesService;
  rating: RatingService;
  packing: PackingService;
  routing: RoutingService;
  tenants: TenantsService;
  warehouses: WarehousesService;
  catalog: CatalogService;
  orders: OrdersService;
  orderImport: OrderImportService;
  jobs: JobsService;
  truckPlans: TruckPlansService;
  shipments: ShipmentsService;
  outbox: OutboxService;
  tracking: TrackingService;
  webhooks: WebhooksService;
  notifications: NotificationsService;
  channelImport: ChannelImportService;
  channels: ChannelsService;
  kpis: KpisService;
  users: UsersService;
}

export interface Lastmile {
  config: Config;
  database: Database;
  services: Services;
  /** The one source of "now" for everything the service decides and stores. */
  clock: Clock;
  idempotency: IdempotencyStore;
  /** Starts the background workers (the server does; one-shot CLI commands do not). */
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

export const JOB_ORDERS_IMPORT = 'orders.import';
export const JOB_ROUTING_PLAN = 'routing.plan';
export const JOB_LABEL_BATCH = 'labels.batch';

export interface LabelBatchParams {
  order_ids: string[];
  actor: string;
}

export interface RoutingPlanParams {
  order_ids: string[];
  apply: boolean;
  actor: string;
}

export interface OrdersImportParams {
  file: string;
  format?: CsvFormat;
}

export interface BuildOptions {
  holder?: OpenOptions['holder'];
  /** A migrated database image (tests). */
  loadDataDir?: Blob | File;
  clock?: Clock;
  queue?: JobQueue;
  log?: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Overrides the distance matrix (tests). */
  matrix?: DistanceMatrixPort;
  /** Overrides fetch for HTTP carriers (tests). */
  fetch?: typeof fetch;
}

/**
 * The composition root: opens the database, applies migrations, builds every adapter and
 * service from an explicit list, and registers the job handlers.
 */
export async function buildLastmile(config: Config, opts: BuildOptions = {}): Promise<Lastmile> {
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      holder: opts.holder,
      loadDataDir: opts.loadDataDir,
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const where = config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    throw new AppError('CONFIGURATION', `Cannot open ${where}: ${(e as Error).message}`, { cause: e });
  }
  try {
    await migrate(database);
  } catch (e) {
    await database.close().catch(() => undefined);
    throw new AppError('CONFIGURATION', `Database migration failed: ${(e as Error).message}`, { cause: e });
  }
  const clock = opts.clock ?? systemClock;
  const db = database.db;
  // Every request to an address a tenant chose goes through the public-address check.
  const outboundFetch = opts.fetch ?? guardedFetch({ allowPrivate: config.allowPrivateTargets });
  const outboundCheck = config.allowPrivateTargets ? async () => undefined : async (host: string) => void (await resolvePublic(host));
  const tenants = new TenantsService(new DrizzleTenantRepo(db), new DrizzleApiKeyRepo(db), clock);
  const warehouses = new WarehousesService(new DrizzleWarehouseRepo(db));
  const catalog = new CatalogService(new DrizzleSkuRepo(db));
  const orderRepo = new DrizzleOrderRepo(db);
  const routingRepo = new DrizzleRoutingRepo(db);
  let box: Promise<SecretBox> | undefined;
  const secretBox = () => (box ??= SecretBox.load(config.secretKey, join(config.dataDir, 'secret.key')));
  const shipmentRepo = new DrizzleShipmentRepo(db);
  const gateways = new CarrierGateways(shipmentRepo, secretBox, { fetch: outboundFetch, now: () => clock.now().getTime() });
  const addresses = new AddressesService(loadUsZipDirectory);
  const orders = new OrdersService(orderRepo, warehouses, clock, { checker: () => addresses.orderChecker(), carrier: (tenantId, address, carrier) => gateways.validateAddress(tenantId, address, carrier) }, async (tenantId) => new Set((await routingRepo.listPoints(tenantId)).map((p) => p.id)));
  const orderImport = new OrderImportService(orderRepo, orders, clock);
  const rating = new RatingService({ repo: new DrizzleRatingRepo(db), orders, warehouses, catalog, loadDirectory: loadUsZipDirectory, clock, sharedDatabase: database.engine === 'postgres' });
  const packing = new PackingService({ orders, warehouses, catalog, rating, clock });
  const kpis = new KpisService({ repo: new DrizzleKpiRepo(db), clock });
  const liveRateShop = new LiveRateShop(gateways, { ...LIVE_RATE_DEFAULTS, ...config.liveRates, now: () => clock.now().getTime() });
  const routing = new RoutingService({
    repo: routingRepo, orderRepo, orders, warehouses, catalog, rating, packing, loadDirectory: loadUsZipDirectory, clock,
    laneStats: (tenantId, halfLifeDays) => kpis.laneStats(tenantId, halfLifeDays),
    liveRates: (tenantId, req) => liveRateShop.rates(tenantId, req),
    carrierPoints: (tenantId, carrier, zip, radiusKm) => gateways.pickupPoints(tenantId, carrier, zip, radiusKm),
  });
  const queue = opts.queue ?? new PgBossQueue(database.executeSql, opts.log);
  const jobs = new JobsService(new DrizzleJobRepo(db), queue, {
    onUnexpectedError: (err, job) => opts.log?.error({ error: loggableError(err), job_id: job.id, job_type: job.type }, 'job failed unexpectedly'),
  });

  jobs.register(JOB_ORDERS_IMPORT, async ({ job, progress, final }) => {
    const p = job.params as unknown as OrdersImportParams;
    try {
      await stat(p.file);
    } catch {
      throw new AppError('NOT_FOUND', 'The uploaded file is gone (uploads are kept until their import finishes)');
    }
    try {
      const summary = await orderImport.importCsv(job.tenant_id, createReadStream(p.file), {
        format: p.format,
        sourceRef: `import:${job.id}`,
        onProgress: (done) => progress(done, Math.max(done, job.progress.total ?? 0)),
      });
      progress(summary.rows, summary.rows);
      await rm(p.file, { force: true });
      return summary;
    } catch (e) {
      // A retry needs the file; a final failure (a bad file, or the last try) does not.
      if (e instanceof AppError || final) await rm(p.file, { force: true });
      throw e;
    }
  });

  jobs.register(JOB_ROUTING_PLAN, async ({ job, progress }) => {
    const p = job.params as unknown as RoutingPlanParams;
    return routing.plan(job.tenant_id, p.order_ids, { apply: p.apply, actor: p.actor, onProgress: (done, total) => progress(done, total) });
  });

  const outbox = new OutboxService(new DrizzleOutboxRepo(db), queue, config.outbox, opts.log);
  const csvExport = new CsvTrackingExport(shipmentRepo);
  const mapContext = async () => {
    const dir = await loadUsZipDirectory();
    return {
      placeFor: (country: string, zip: string) => {
        const info = country === 'US' ? dir.lookup(zip.slice(0, 5)) : undefined;
        return info ? { city: info.places[0]!, state: info.state } : null;
      },
    };
  };
  const channels = new ChannelsService({
    repo: new DrizzleChannelsRepo(db), orders, orderRepo, clock, checkHost: outboundCheck,
    seal: async (x) => (await secretBox()).seal(x), open: async (x) => (await secretBox()).open(x),
    client: (kind, base, secrets, settings) => channelClient(kind, base, secrets, settings, outboundFetch, clock),
    context: mapContext,
    csv: csvExport,
  });
  const channelWriteBack = channels.writeBack();
  const shipments = new ShipmentsService({
    repo: shipmentRepo,
    checkHost: outboundCheck,
    orders,
    warehouses,
    gateways,
    outbox,
    seal: async (plain) => (await secretBox()).seal(plain),
    writeBackFor: () => channelWriteBack,
    pickupPoint: async (tenantId, id) => {
      const p = (await routingRepo.listPoints(tenantId)).find((x) => x.id === id);
      return p ? { name: p.name, address: { name: null, company: null, line1: p.line1, line2: null, line3: null, city: p.city, state: p.state, postal_code: p.postal_code, country: p.country, phone: null, tax_id: null, email: null, residential: false, latitude: p.lat, longitude: p.lon } } : undefined;
    },
    clock,
    publicUrl: config.publicUrl,
    // About two days of retries at the default delays (an hour at most between them).
    writeBackRetry: { maxAttempts: 60, baseDelayMs: config.outbox.baseDelayMs, maxDelayMs: Math.max(config.outbox.maxDelayMs, 3_600_000) },
  });

  const webhooks = new WebhooksService({
    repo: new DrizzleWebhookRepo(db), outbox, clock,
    seal: async (x) => (await secretBox()).seal(x), open: async (x) => (await secretBox()).open(x),
    checkHost: outboundCheck, fetch: outboundFetch,
  });
  const trackingRepo = new DrizzleTrackingRepo(db);
  const notificationRepo = new DrizzleNotificationRepo(db);
  const smtpFor = async (st: Awaited<ReturnType<typeof notificationRepo.settings>>) => {
    if (st?.channel !== 'smtp' || !st.smtp) return undefined;
    const password = st.smtp.password_sealed ? (await secretBox()).open(st.smtp.password_sealed) : undefined;
    return new SmtpNotifier({ host: st.smtp.host, port: st.smtp.port, secure: st.smtp.secure, user: st.smtp.user, password, from: st.smtp.from }, config.allowPrivateTargets ? undefined : resolvePublic);
  };
  const users = new UsersService({
    repo: new DrizzleUserRepo(db), hasher: new Argon2Hasher(), tenants, clock, publicUrl: config.publicUrl,
    // Invitations and resets go out through the tenant's SMTP settings (notifications), when it has some.
    mail: async (tenantId, m) => {
      const smtp = await smtpFor(await notificationRepo.settings(tenantId));
      if (!smtp) return false;
      await smtp.sendText(m.to, m.subject, m.text);
      return true;
    },
  });
  const notifications = new NotificationsService({
    repo: notificationRepo, outbox, clock, publicUrl: config.publicUrl,
    seal: async (x) => (await secretBox()).seal(x), checkHost: outboundCheck,
    brandFor: async (tenantId) => (await trackingRepo.getConfig(tenantId))?.branding?.name ?? (await tenants.getTenant(tenantId))?.name ?? 'lastmile',
    notifierFor: async (tenantId, st) => {
      if (st.channel === 'webhook' && st.webhook_url) {
        const box = await secretBox();
        // Settings saved before secrets were shown keep the derived secret until rotated.
        const secret = st.webhook_secret_sealed ? box.open(st.webhook_secret_sealed) : box.derive(`notifications:${tenantId}`);
        return new WebhookNotifier(st.webhook_url, secret, outboundFetch, clock);
      }
      return (await smtpFor(st)) ?? new LogNotifier(opts.log);
    },
  });
  const tracking = new TrackingService({
    repo: trackingRepo,
    clock,
    timeZoneFor: async (country, postal) => (country === 'US' && postal ? ((await loadUsZipDirectory()).lookup(postal.slice(0, 5))?.timeZone ?? null) : null),
    webhookSecret: async (tenantId) => (await secretBox()).derive(`tracking-webhook:${tenantId}`),
    onChanges: async (tenantId, changes, cases) => {
      await webhooks.emit(tenantId, [
        ...changes.map((c) => ({
          type: 'shipment.tracking_updated',
          data: {
            shipment_id: c.shipment.id, order_id: c.shipment.order_id, tracking_numbers: c.shipment.tracking_numbers, carrier: c.shipment.carrier,
            status: c.summary.status, sub_status: c.summary.sub_status, previous_status: c.previous, estimated_delivery: c.summary.estimated_delivery, delivered_at: c.summary.delivered_at,
          },
        })),
        ...cases.map((c) => ({ type: 'case.opened', data: c as unknown as Record<string, unknown> })),
      ]);
      await notifications.onChanges(tenantId, changes.map((c) => ({
        shipment_id: c.shipment.id, previous: c.previous, status: c.summary.status, tracking_number: c.shipment.tracking_numbers[0] ?? '', carrier: c.shipment.carrier,
        email: c.shipment.email, country: c.shipment.country, expected: c.summary.estimated_delivery ?? c.shipment.promise.latest?.slice(0, 10) ?? null,
      })));
    },
    poll: async (tenantId, s) => {
      const { gateway } = await gateways.for(tenantId, s.carrier, s.account_id);
      if (gateway.trackParsed) return gateway.trackParsed(s.tracking_numbers);
      const trackings = [];
      for (const tn of s.tracking_numbers) {
        const events = await gateway.track(tn);
        if (events.length) trackings.push({ tracking_number: tn, events: events.map((e) => ({ ...e, location: e.location ?? null })) });
      }
      return trackings.length ? parseGeneric(JSON.stringify({ trackings }), s.carrier) : null;
    },
    onCaseUpdated: async (tenantId, c) => {
      await webhooks.emit(tenantId, [{ type: 'case.updated', data: c as unknown as Record<string, unknown> }]);
    },
  });

  jobs.register(JOB_LABEL_BATCH, async ({ job, progress }) => {
    const p = job.params as unknown as LabelBatchParams;
    return shipments.buyBatch(job.tenant_id, p.order_ids, { batchId: job.id, actor: p.actor, onProgress: (done, total) => progress(done, total) });
  });

  const channelImport = new ChannelImportService({ orders, formats: CHANNEL_FORMATS, context: mapContext });

  const matrix = opts.matrix ?? (config.osrmUrl ? new OsrmMatrix(config.osrmUrl) : haversineMatrixPort());
  const truckPlans = new TruckPlansService(new DrizzleTruckPlanRepo(db), warehouses, orders, catalog, jobs, matrix, zipCentroid);

  await mkdir(config.uploadDir, { recursive: true });
  const idempotency = new DrizzleIdempotencyStore(db, { seal: async (x) => (await secretBox()).seal(x), open: async (x) => (await secretBox()).open(x) });
  let purgeTimer: NodeJS.Timeout | undefined;
  let scanTimer: NodeJS.Timeout | undefined;
  let syncTimer: NodeJS.Timeout | undefined;
  return {
    config,
    database,
    services: { addresses, rating, packing, routing, tenants, warehouses, catalog, orders, orderImport, jobs, truckPlans, shipments, outbox, tracking, webhooks, notifications, channelImport, channels, kpis, users },
    clock,
    idempotency,
    async startWorkers() {
      await removeStaleUploads(config.uploadDir, clock.now());
      // Replays stored in clear by earlier versions are sealed; expired keys go every hour.
      await idempotency.sealStored();
      const purge = () => idempotency.purge(new Date(clock.now().getTime() - IDEMPOTENCY_TTL_MS)).catch((err: unknown) => opts.log?.error({ error: loggableError(err) }, 'idempotency purge failed'));
      await purge();
      purgeTimer = setInterval(() => void purge(), 3_600_000);
      purgeTimer.unref();
      await jobs.startWorkers();
      await outbox.start();
      if (config.channelSyncMs > 0) {
        syncTimer = setInterval(() => {
          channels.syncAll().catch((err: unknown) => opts.log?.error({ error: loggableError(err) }, 'channel sync failed'));
        }, config.channelSyncMs);
        syncTimer.unref();
      }
      if (config.trackingScanMs > 0) {
        scanTimer = setInterval(() => {
          tracking.poll(null)
            .then(() => tracking.scan(null))
            .catch((err: unknown) => opts.log?.error({ error: loggableError(err) }, 'tracking poll or scan failed'));
        }, config.trackingScanMs);
        scanTimer.unref();
      }
    },
    async close() {
      if (scanTimer) clearInterval(scanTimer);
      if (purgeTimer) clearInterval(purgeTimer);
      if (syncTimer) clearInterval(syncTimer);
      await outbox.stop().catch(() => undefined);
      await queue.stop().catch(() => undefined);
      await database.close();
    },
  };
}

/** Uploads whose job never ran (crash before enqueue) are removed after a day. */
async function removeStaleUploads(dir: string, now: Date) {
  const cutoff = now.getTime() - 24 * 3600_000;
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    // Spool files are named by a ULID, whose time is ours; a file's mtime is the kernel's, which
    // a process clock moved by faketime (or a container's) need not agree with.
    const made = ulidTime(f.replace(/\.upload$/, ''));
    if (made !== undefined && made < cutoff) await rm(join(dir, f), { force: true });
  }
}
