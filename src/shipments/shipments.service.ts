import type { Address } from '../addresses/address.schema.js';
import { csvLine } from '../kernel/csv.js';
import type { Clock } from '../kernel/clock.js';
import { assertPublicTarget, type HostCheck } from '../kernel/blocked-address.js';
import { AppError, notFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { decodeCursor, type Page } from '../kernel/list.js';
import type { Money } from '../kernel/money.js';
import { gramsTo, toGrams, type Weight } from '../kernel/units.js';
import { carrierLabel, mergePdfs, type LabelFormat } from '../labels/carrier-documents.js';
import { renderManifestPdf } from '../labels/manifest-doc.js';
import type { LabelData } from '../labels/label-data.js';
import { renderLabelsPdf } from '../labels/pdf-label.js';
import { renderBillOfLadingPdf } from '../labels/bill-of-lading.js';
import { checkedAddress } from '../addresses/address-check.js';
import { pdfToPng } from '../labels/png.js';
import { renderLabelsZpl } from '../labels/zpl-label.js';
import type { Order } from '../orders/order.schema.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { OutboxRow } from '../outbox/ports.js';
import type { Decision } from '../routing/decide.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import { carrierAccountInputSchema, publicSettings, type CarrierAccount, type CarrierAccountInput } from './carrier-account.schema.js';
import { NATIVE_CARRIERS, type NativeCarrier } from '../rating/live-rates.js';

const NATIVE_NAMES: Record<NativeCarrier, string> = { ups: 'UPS', usps: 'USPS', fedex: 'FedEx' };
const isNative = (a: CarrierAccountInput): a is Extract<CarrierAccountInput, { kind: NativeCarrier }> => (NATIVE_CARRIERS as readonly string[]).includes(a.kind);
import { assertShipmentTransition, HAS_LABEL, type ShipmentStatus } from './lifecycle.js';
import { CarrierError, type CarrierGateway, type ChannelWriteBack, type ManifestRecord, type ShipmentFilters, type ShipmentRepo, type StoredAccount, type StoredShipment } from './ports.js';
import type { Shipment } from './shipment.schema.js';
import { trackingUrl } from './tracking-numbers.js';

export const OUTBOX_LABEL_PURCHASE = 'label.purchase';
export const OUTBOX_CHANNEL_WRITEBACK = 'channel.writeback';

export interface ShipmentsDeps {
  repo: ShipmentRepo;
  orders: OrdersService;
  warehouses: WarehousesService;
  gateways: { for(tenantId: string, carrier: string, accountId?: string | null): Promise<{ gateway: CarrierGateway; accountId: string | null; sample: boolean }> };
  outbox: OutboxService;
  /** Seals secrets at rest. */
  seal: (plain: string) => Promise<string>;
  /** Where the tracking number of an order goes back to, by the order's channel. */
  writeBackFor: (channel: string) => ChannelWriteBack;
  /** The address of a pickup point the decision chose. */
  pickupPoint?: (tenantId: string, id: string) => Promise<{ name: string; address: Address } | undefined>;
  clock: Clock;
  /** Refuses carrier base URLs that are not public (SSRF); absent: no check. */
  checkHost?: HostCheck;
  publicUrl: string;
  /** Write-back keeps trying longer than other outbox work: until the channel acknowledges. */
  writeBackRetry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}

export type { LabelFormat };

export interface CarrierAccountTest {
  ok: boolean;
  account_id: string;
  carrier: string;
  kind: 'offline' | 'http' | NativeCarrier;
  checked_at: string;
  latency_ms: number | null;
  rates: { service: string; total: Money }[];
  error: { code: string; message: string; carrier_message: string | null } | null;
  /** What works: signing in, rating, and (a native account's sandbox, on request) buying and voiding a label; ok null: not tried, and why. */
  checks: { name: 'token' | 'rates' | 'labels'; ok: boolean | null; message: string }[];
}

const testAddress = (name: string, line1: string, city: string, state: string, postal_code: string): Address => ({
  name, company: null, line1, line2: null, line3: null, city, state, postal_code, country: 'US', phone: null, tax_id: null, email: null, residential: false, latitude: null, longitude: null,
});
const TEST_FROM = testAddress('lastmile connection test', '1 World Way', 'Los Angeles', 'CA', '90045');
const TEST_TO = testAddress('lastmile connection test', '350 5th Ave', 'New York', 'NY', '10118');

export interface BatchResult {
  batch_id: string;
  counts: Record<string, number>;
  results: { order_id: string; shipment_id: string | null; carrier: string | null; status: string; tracking_numbers: string[]; error: { code: string; message: string } | null }[];
}

const publicShipment = (s: StoredShipment): Shipment => {
  const { service_name: _n, quoted: _q, ...rest } = s;
  return rest;
};

/**
 * Shipments: from a decided order to a label, exactly once. Creating a shipment and asking for
 * its label is one transaction with an outbox row; the outbox worker buys the label with an
 * idempotency key, looks it up first on every retry (a timeout may have hidden a purchase), and
 * saves it; a purchase that finally fails leaves the shipment in `exception` with the carrier's
 * message. Labels are rendered from the saved data (PDF, ZPL, PNG).
 */
export class ShipmentsService {
  constructor(private readonly d: ShipmentsDeps) {
    d.outbox.register(OUTBOX_LABEL_PURCHASE, { run: (row) => this.runPurchase(row), giveUp: (row, err) => this.giveUpPurchase(row, err) });
    d.outbox.register(OUTBOX_CHANNEL_WRITEBACK, { run: (row) => this.runWriteBack(row), ...(d.writeBackRetry ? { retry: d.writeBackRetry } : {}) });
  }

  view(s: StoredShipment): Shipment {
    return publicShipment(s);
  }

  async get(tenantId: string, id: string): Promise<StoredShipment> {
    const s = await this.d.repo.get(tenantId, id);
    if (!s) throw notFound('shipment', id);
    return s;
  }

  async list(tenantId: string, f: ShipmentFilters, q: { limit: number; cursor?: string | undefined }): Promise<Page<StoredShipment>> {
    return this.d.repo.list(tenantId, f, decodeCursor(q.cursor), q.limit);
  }

  async events(tenantId: string, id: string) {
    await this.get(tenantId, id);
    return this.d.repo.events(tenantId, id);
  }

  /** A shipment for a decided order, with its label purchase queued (unless `purchase` is false: a draft). */
  async createForOrder(tenantId: string, orderId: string, opts: { purchase?: boolean; actor: string; batchId?: string | null }): Promise<StoredShipment> {
    const order = await this.d.orders.get(tenantId, orderId);
    if (order.status !== 'decided') {
      const hint = order.status === 'fulfilling' ? ': it already has a shipment' : ': decide it first (POST /v1/orders/:id/decide)';
      throw new AppError('INVALID_STATE', `Order ${orderId} is ${order.status}, not decided${hint}`, { details: { order_status: order.status } });
    }
    if (order.truck_plan) {
      const tp = order.truck_plan;
      throw new AppError('INVALID_STATE', `Order ${orderId} is on truck plan ${tp.plan_id} (truck ${tp.vehicle_id}, stop ${tp.stop}): the fleet delivers it, no carrier label is bought`, { details: { truck_plan: tp } });
    }
    const decision = order.decision as unknown as Decision | null;
    const chosen = decision?.chosen;
    if (!decision || !chosen) throw new AppError('INVALID_STATE', `Order ${orderId} has no chosen service`);
    if (!order.warehouse_id) throw new AppError('INVALID_STATE', `Order ${orderId} has no ship-from warehouse`);
    const wh = await this.d.warehouses.get(tenantId, order.warehouse_id);
    const { accountId, sample } = await this.d.gateways.for(tenantId, chosen.carrier);
    const shipTo = await this.shipTo(tenantId, order, decision);
    const purchase = opts.purchase ?? true;
    const id = newId('shipment');
    const key = purchase ? `${id}:1` : null;
    const packages = (decision.packages?.length ? decision.packages : [{ weight: totalWeight(order), dimensions: null }]).map((p) => ({ weight: p.weight, dimensions: p.dimensions, tracking_number: null }));
    const s = await this.d.repo.create(
      tenantId,
      {
        id, order_id: order.id, warehouse_id: wh.id, status: purchase ? 'label_pending' : 'draft', carrier: chosen.carrier, service: chosen.service, card: chosen.card,
        service_name: chosen.name.replace(/\s*\(sample[^)]*\)\s*$/i, ''), account_id: accountId, sample, reference: order.external_id,
        ship_from: { ...wh.address, name: wh.address.name ?? wh.name }, ship_to: shipTo, packages,
        options: {
          signature: decision.signature ?? null,
          insured_value: decision.insured ? order.order_value : null,
          cod: order.cod_amount ?? null,
          // LTL and truck freight travel on a bill of lading, not parcel labels.
          ...(decision.mode === 'truck' ? { freight: { accessorials: decision.accessorials, description: freightDescription(order), hazmat: decision.facts.flags.includes('hazmat') } } : {}),
        },
        quoted: chosen.total, purchase_key: key, batch_id: opts.batchId ?? null,
      },
      purchase ? { id: newId('outbox'), kind: OUTBOX_LABEL_PURCHASE, payload: { shipment_id: id, idempotency_key: key } } : null,
      opts.actor,
    );
    if (purchase) this.d.outbox.kick();
    return s;
  }

  /** Buys (again) the label of a draft, or of a shipment whose purchase failed. */
  async purchase(tenantId: string, id: string, actor: string): Promise<StoredShipment> {
    const s = await this.get(tenantId, id);
    if (s.status === 'label_pending' || s.status === 'labeled') return s;
    assertShipmentTransition(s.status, 'label_pending');
    const generation = Number((s.purchase.idempotency_key ?? ':0').split(':').pop()) + 1;
    const key = `${id}:${generation}`;
    const updated = await this.d.repo.requestPurchase(tenantId, id, s.status, key, { id: newId('outbox'), kind: OUTBOX_LABEL_PURCHASE, payload: { shipment_id: id, idempotency_key: key } }, actor);
    if (!updated) throw new AppError('CONFLICT', `Shipment ${id} changed meanwhile; retry`);
    this.d.outbox.kick();
    return updated;
  }

  private async shipTo(tenantId: string, order: Order, decision: Decision): Promise<Address> {
    const base: Address = checkedAddress(order.ship_to, order.address_check);
    if (decision.mode !== 'pickup' || !decision.pickup_point) return base;
    const p = await this.d.pickupPoint?.(tenantId, decision.pickup_point.id);
    if (!p) throw new AppError('INVALID_STATE', `Pickup point ${decision.pickup_point.id} of the decision is no longer known; decide the order again`);
    // The parcel goes to the point, for the customer: their name and phone, the point's address.
    return { ...p.address, name: base.name, company: `PICKUP: ${p.name}`.slice(0, 200), phone: base.phone, email: base.email, residential: false };
  }

  private async runPurchase(row: OutboxRow): Promise<void> {
    const p = row.payload as { shipment_id: string; idempotency_key: string };
    const s = await this.d.repo.get(row.tenant_id, p.shipment_id);
    // Cancelled, or already labeled by an earlier attempt, or a newer purchase took over.
    if (!s || s.status !== 'label_pending' || s.purchase.idempotency_key !== p.idempotency_key) return;
    const { gateway } = await this.d.gateways.for(row.tenant_id, s.carrier, s.account_id);
    try {
      // A previous attempt may have bought the label and lost the answer: look before buying.
      let label = row.attempts > 1 ? await gateway.findLabel(p.idempotency_key) : null;
      label ??= await gateway.createLabel({
        idempotencyKey: p.idempotency_key, shipmentId: s.id, reference: s.reference, carrier: s.carrier, service: s.service,
        shipFrom: s.ship_from, shipTo: s.ship_to, packages: s.packages.map((x) => ({ weight: x.weight, dimensions: x.dimensions })), options: s.options, quoted: s.quoted,
      });
      if (label.trackingNumbers.length !== s.packages.length) {
        throw new CarrierError('CARRIER_REJECTED', `The carrier returned ${label.trackingNumbers.length} tracking numbers for ${s.packages.length} packages`, false);
      }
      const saved = await this.d.repo.saveLabel(row.tenant_id, s.id, label, { id: newId('outbox'), kind: OUTBOX_CHANNEL_WRITEBACK, payload: { shipment_id: s.id } }, row.attempts, this.d.clock.now());
      if (!saved) {
        // Cancelled while the purchase was in flight: the label must not stay bought.
        await gateway.voidLabel({ carrierLabelId: label.carrierLabelId, trackingNumbers: label.trackingNumbers });
        await this.d.repo.addEvent(row.tenant_id, s.id, 'shipment.label_voided', { reason: 'cancelled during purchase', carrier_label_id: label.carrierLabelId }, 'system');
        return;
      }
      this.d.outbox.kick();
    } catch (e) {
      const info = e instanceof CarrierError ? e.info(this.d.clock.now()) : { code: 'INTERNAL', message: (e as Error).message, carrier_message: null, at: this.d.clock.now().toISOString() };
      await this.d.repo.recordAttempt(row.tenant_id, s.id, row.attempts, info);
      throw e;
    }
  }

  private async giveUpPurchase(row: OutboxRow, err: unknown): Promise<void> {
    const p = row.payload as { shipment_id: string; idempotency_key: string };
    const s = await this.d.repo.get(row.tenant_id, p.shipment_id);
    if (!s || s.status !== 'label_pending' || s.purchase.idempotency_key !== p.idempotency_key) return;
    const { gateway } = await this.d.gateways.for(row.tenant_id, s.carrier, s.account_id).catch(() => ({ gateway: null }));
    // One last look: a label bought by an attempt whose answer was lost is saved, never orphaned.
    // (If the carrier cannot be asked, this throws and the outbox tries again later.)
    const found = gateway && row.attempts > 0 ? await gateway.findLabel(p.idempotency_key) : null;
    if (found && found.trackingNumbers.length === s.packages.length) {
      await this.d.repo.saveLabel(row.tenant_id, s.id, found, { id: newId('outbox'), kind: OUTBOX_CHANNEL_WRITEBACK, payload: { shipment_id: s.id } }, row.attempts, this.d.clock.now());
      this.d.outbox.kick();
      return;
    }
    const info = err instanceof CarrierError ? err.info(this.d.clock.now()) : { code: 'INTERNAL', message: (err as Error)?.message ?? String(err), carrier_message: null, at: this.d.clock.now().toISOString() };
    await this.d.repo.markException(row.tenant_id, s.id, { ...info, message: `Label purchase failed after ${row.attempts} attempt(s): ${info.message}` });
  }

  private async runWriteBack(row: OutboxRow): Promise<void> {
    const s = await this.d.repo.get(row.tenant_id, String(row.payload['shipment_id']));
    if (!s || s.tracking_numbers.length === 0) return;
    const order = await this.d.orders.get(row.tenant_id, s.order_id);
    await this.d.writeBackFor(order.channel).pushTracking(row.tenant_id, {
      orderId: order.id, channel: order.channel, externalId: order.external_id, carrier: s.carrier, service: s.service,
      trackingNumbers: s.tracking_numbers, trackingUrls: s.tracking_numbers.map((tn) => trackingUrl(s.carrier, tn, this.d.publicUrl)),
    });
    await this.d.repo.addEvent(row.tenant_id, s.id, 'shipment.tracking_written_back', { channel: order.channel, tracking_numbers: s.tracking_numbers }, 'system');
  }

  /** Cancels a shipment; a bought label is voided with the carrier first. The order goes back to decided. */
  async cancel(tenantId: string, id: string, reason: string, actor: string): Promise<StoredShipment> {
    const s = await this.get(tenantId, id);
    if (s.status === 'cancelled') return s;
    assertShipmentTransition(s.status, 'cancelled');
    if (HAS_LABEL.has(s.status) && s.carrier_label_id) {
      const { gateway } = await this.d.gateways.for(tenantId, s.carrier, s.account_id);
      try {
        await gateway.voidLabel({ carrierLabelId: s.carrier_label_id, trackingNumbers: s.tracking_numbers });
      } catch (e) {
        if (e instanceof CarrierError) {
          throw new AppError('CONFLICT', `The carrier did not void the label: ${e.message}${e.carrierMessage ? ` (${e.carrierMessage})` : ''}`, { details: { carrier_error: e.info(this.d.clock.now()) } });
        }
        throw e;
      }
    }
    const updated = await this.d.repo.cancel(tenantId, id, s.status, reason, actor);
    if (!updated) throw new AppError('CONFLICT', `Shipment ${id} changed while it was being cancelled; retry`);
    return updated;
  }

  // ---- labels -------------------------------------------------------------------------------

  labelData(s: StoredShipment): LabelData[] {
    if (s.tracking_numbers.length === 0) throw new AppError('INVALID_STATE', `Shipment ${s.id} has no label yet (status ${s.status})`, { details: { status: s.status } });
    return s.packages.map((p, k) => ({
      trackingNumber: p.tracking_number ?? s.tracking_numbers[k]!, carrier: s.carrier, serviceName: s.service_name, from: s.ship_from, to: s.ship_to,
      weight: p.weight, reference: s.reference, packageIndex: k + 1, packageCount: s.packages.length, shipDate: (s.labeled_at ?? s.created_at).slice(0, 10), sample: s.sample,
    }));
  }

  async render(labels: LabelData[], format: LabelFormat, title: string): Promise<{ body: Buffer | string; contentType: string }> {
    if (format === 'zpl') return { body: renderLabelsZpl(labels), contentType: 'application/zpl; charset=utf-8' };
    const pdf = await renderLabelsPdf(labels, { title });
    if (format === 'pdf') return { body: pdf, contentType: 'application/pdf' };
    return { body: await pdfToPng(pdf), contentType: 'image/png' };
  }

  /** One shipment's labels (one per package; `package` picks one). */
  async label(tenantId: string, id: string, format: LabelFormat, pkg?: number) {
    const s = await this.get(tenantId, id);
    if (s.status === 'cancelled') throw new AppError('INVALID_STATE', `Shipment ${id} is cancelled; its label was voided`);
    let labels = this.labelData(s);
    if (pkg !== undefined && (pkg < 1 || pkg > labels.length)) {
      throw new AppError('VALIDATION_FAILED', `Shipment ${id} has ${labels.length} package(s)`, { errors: [{ path: 'package', message: `1 to ${labels.length}` }] });
    }
    // Freight: the bill of lading is the document (a PNG of it too); ZPL prints a PRO label per handling unit.
    if (s.options.freight && format !== 'zpl') {
      const bol = await this.billOfLading(s);
      return format === 'pdf' ? { body: bol, contentType: 'application/pdf' } : { body: await pdfToPng(bol), contentType: 'image/png' };
    }
    // The carrier's own label when it drew one: its barcodes and routing codes, not ours.
    const docs = (await this.d.repo.labelDocuments(tenantId, [s.id])).get(s.id);
    if (docs?.length) return carrierLabel(docs, format, labels.length, pkg, { shipmentId: s.id, carrier: s.carrier });
    if (pkg !== undefined) labels = [labels[pkg - 1]!];
    return this.render(labels, format, `Label ${s.tracking_numbers[0]}`);
  }

  /** An LTL or truck shipment's straight bill of lading (VICS layout), the PRO number its tracking number. */
  billOfLading(s: StoredShipment): Promise<Buffer> {
    if (s.tracking_numbers.length === 0) throw new AppError('INVALID_STATE', `Shipment ${s.id} has no PRO number yet (status ${s.status})`, { details: { status: s.status } });
    const f = s.options.freight;
    return renderBillOfLadingPdf({
      bolNumber: `BOL-${s.id.replace(/^shp_/, '').slice(-12).toUpperCase()}`, pro: s.tracking_numbers[0]!, carrierName: s.service_name, scac: null,
      shipDate: (s.labeled_at ?? s.created_at).slice(0, 10), from: s.ship_from, to: s.ship_to, reference: s.reference,
      handlingUnits: s.packages.map((p) => ({ weight: p.weight, dimensions: p.dimensions })), description: f?.description ?? 'Freight', accessorials: f?.accessorials ?? [],
      cod: s.options.cod, declaredValue: s.options.insured_value, hazmat: f?.hazmat ?? false, terms: 'prepaid', sample: s.sample,
    });
  }

  // ---- batches ------------------------------------------------------------------------------

  /**
   * Buys labels for many orders: a shipment per order (purchases queued in the outbox), then
   * waits until every purchase has ended. Orders that cannot ship are reported, not fatal.
   */
  async buyBatch(tenantId: string, orderIds: string[], opts: { batchId: string; actor: string; onProgress?: (done: number, total: number) => void; pollMs?: number }): Promise<BatchResult> {
    const results = new Map<string, BatchResult['results'][number]>();
    const shipmentIds: string[] = [];
    for (const orderId of orderIds) {
      try {
        const s = await this.createForOrder(tenantId, orderId, { purchase: true, actor: opts.actor, batchId: opts.batchId });
        shipmentIds.push(s.id);
        results.set(orderId, { order_id: orderId, shipment_id: s.id, carrier: s.carrier, status: s.status, tracking_numbers: [], error: null });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.set(orderId, { order_id: orderId, shipment_id: null, carrier: null, status: 'skipped', tracking_numbers: [], error: { code: e.code, message: e.message } });
      }
    }
    const total = orderIds.length;
    const skipped = total - shipmentIds.length;
    for (;;) {
      const current = await this.listAll(tenantId, shipmentIds);
      const open = current.filter((s) => s.status === 'label_pending').length;
      opts.onProgress?.(total - open, total);
      for (const s of current) {
        results.set(s.order_id, {
          order_id: s.order_id, shipment_id: s.id, carrier: s.carrier, status: s.status, tracking_numbers: s.tracking_numbers,
          error: s.error ? { code: s.error.code, message: s.error.carrier_message ? `${s.error.message} (${s.error.carrier_message})` : s.error.message } : null,
        });
      }
      if (open === 0) break;
      this.d.outbox.kick();
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
    }
    const list = orderIds.map((id) => results.get(id)!);
    const counts: Record<string, number> = { orders: total, skipped };
    for (const r of list) if (r.status !== 'skipped') counts[r.status] = (counts[r.status] ?? 0) + 1;
    return { batch_id: opts.batchId, counts, results: list };
  }

  private async listAll(tenantId: string, ids: string[]): Promise<StoredShipment[]> {
    const out: StoredShipment[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...(await this.d.repo.listByIds(tenantId, ids.slice(i, i + 500))));
    return out;
  }

  /** Every label of a batch in one document, in order. */
  async batchLabels(tenantId: string, batchId: string, format: 'pdf' | 'zpl') {
    const shipped: StoredShipment[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.d.repo.list(tenantId, { batch_id: batchId }, cursor, 500);
      for (const s of page.data) if (s.tracking_numbers.length && s.status !== 'cancelled') shipped.push(s);
      cursor = page.next_cursor ? decodeCursor(page.next_cursor) : undefined;
    } while (cursor);
    if (shipped.length === 0) throw new AppError('NOT_FOUND', `Batch ${batchId} has no labels`);
    shipped.reverse();
    const title = `Labels of batch ${batchId}`;
    const docs = await this.d.repo.labelDocuments(tenantId, shipped.map((s) => s.id));
    const freight = format === 'pdf' && shipped.some((s) => s.options.freight);
    if (docs.size === 0 && !freight) return this.render(shipped.flatMap((s) => this.labelData(s)), format, title);
    // Some carriers drew their own labels: theirs where there is one, ours in between, in order.
    const missing = shipped.filter((s) => docs.has(s.id) && !docs.get(s.id)!.some((d) => d.format === format));
    if (missing.length) {
      throw new AppError('INVALID_STATE', `${missing.length} label(s) of batch ${batchId} came from the carrier without ${format.toUpperCase()} (${missing.slice(0, 5).map((s) => s.id).join(', ')}): ask for ${format === 'pdf' ? 'zpl' : 'pdf'}`);
    }
    const parts: (Buffer | string)[] = [];
    let ours: LabelData[] = [];
    const flush = async () => {
      if (ours.length) parts.push((await this.render(ours, format, title)).body);
      ours = [];
    };
    for (const s of shipped) {
      if (format === 'pdf' && s.options.freight) {
        await flush();
        parts.push(await this.billOfLading(s));
        continue;
      }
      const doc = docs.get(s.id)?.find((d) => d.format === format);
      if (!doc) {
        ours.push(...this.labelData(s));
        continue;
      }
      await flush();
      parts.push(format === 'zpl' ? doc.data.toString('utf8') : doc.data);
    }
    await flush();
    if (format === 'zpl') return { body: parts.map(String).join('\n'), contentType: 'application/zpl; charset=utf-8' };
    return { body: await mergePdfs(parts as Buffer[]), contentType: 'application/pdf' };
  }

  // ---- manifests ----------------------------------------------------------------------------

  /** End of day: every labeled shipment of a carrier at a warehouse goes on one manifest. */
  async closeManifest(tenantId: string, carrier: string, warehouseRef: string): Promise<ManifestRecord> {
    const wh = await this.d.warehouses.resolve(tenantId, warehouseRef);
    if (!wh) throw notFound('warehouse', warehouseRef);
    const labeled = await this.d.repo.labeledFor(tenantId, carrier, wh.id);
    // A manifest goes to one account: the carrier's current one.
    const { gateway, accountId } = await this.d.gateways.for(tenantId, carrier);
    const list = labeled.filter((s) => s.account_id === accountId);
    const other = labeled.length - list.length;
    if (list.length === 0) {
      throw new AppError('INVALID_STATE', `No labeled ${carrier} shipments at ${wh.code} wait for a manifest${other ? ` under the current account (${other} were labeled under another account: cancel them or restore that account)` : ''}`);
    }
    const shipDate = this.d.clock.now().toISOString().slice(0, 10);
    let carrierManifestId: string;
    try {
      ({ carrierManifestId } = await gateway.manifest(list.map((s) => ({ carrierLabelId: s.carrier_label_id!, trackingNumbers: s.tracking_numbers })), { warehouseId: wh.id, shipDate, from: { ...wh.address, name: wh.address.name ?? wh.name } }));
    } catch (e) {
      if (e instanceof CarrierError) throw new AppError('CONFLICT', `The carrier did not accept the manifest: ${e.message}${e.carrierMessage ? ` (${e.carrierMessage})` : ''}`);
      throw e;
    }
    const grams = list.reduce((t, s) => t + s.packages.reduce((u, p) => u + toGrams(p.weight), 0), 0);
    const currencies = new Set(list.map((s) => s.cost?.currency).filter(Boolean));
    const cost: Money | null = currencies.size === 1 ? { amount: list.reduce((t, s) => t + (s.cost?.amount ?? 0), 0), currency: [...currencies][0]! } : null;
    return this.d.repo.saveManifest(tenantId, {
      id: newId('manifest'), carrier, warehouse_id: wh.id, ship_date: shipDate, carrier_manifest_id: carrierManifestId, shipment_ids: list.map((s) => s.id),
      summary: { shipments: list.length, packages: list.reduce((t, s) => t + s.packages.length, 0), weight_lb: Math.round((grams / 453.59237) * 100) / 100, cost },
      created_at: this.d.clock.now().toISOString(),
    });
  }

  async getManifest(tenantId: string, id: string): Promise<ManifestRecord> {
    const m = await this.d.repo.getManifest(tenantId, id);
    if (!m) throw notFound('manifest', id);
    return m;
  }

  listManifests(tenantId: string, q: { limit: number; cursor?: string | undefined }) {
    return this.d.repo.listManifests(tenantId, decodeCursor(q.cursor), q.limit);
  }

  async manifestDocument(tenantId: string, id: string, format: 'pdf' | 'csv'): Promise<{ body: Buffer | string; contentType: string }> {
    const m = await this.getManifest(tenantId, id);
    const list = await this.listAll(tenantId, m.shipment_ids);
    const rows = list.flatMap((s) =>
      s.packages.map((p, k) => ({
        shipment_id: s.id, reference: s.reference, service: s.service_name, tracking_number: p.tracking_number ?? s.tracking_numbers[k] ?? '', package: `${k + 1}/${s.packages.length}`,
        weight_lb: Math.round((toGrams(p.weight) / 453.59237) * 100) / 100, postal_code: s.ship_to.postal_code ?? '', country: s.ship_to.country, cost: k === 0 ? s.cost : null,
      })),
    );
    if (format === 'csv') {
      const head = csvLine(['manifest_id', 'carrier_manifest_id', 'carrier', 'ship_date', 'shipment_id', 'reference', 'service', 'tracking_number', 'package', 'weight_lb', 'dest_postal_code', 'dest_country', 'cost_amount', 'cost_currency']);
      const lines = rows.map((r) => csvLine([m.id, m.carrier_manifest_id, m.carrier, m.ship_date, r.shipment_id, r.reference, r.service, r.tracking_number, r.package, r.weight_lb, r.postal_code, r.country, r.cost?.amount ?? null, r.cost?.currency ?? null]));
      return { body: `${[head, ...lines].join('\n')}\n`, contentType: 'text/csv; charset=utf-8' };
    }
    const wh = await this.d.warehouses.get(tenantId, m.warehouse_id);
    return { body: await renderManifestPdf(m, wh, rows), contentType: 'application/pdf' };
  }

  // ---- carrier accounts -----------------------------------------------------------------------

  async saveAccount(tenantId: string, input: CarrierAccountInput): Promise<CarrierAccount> {
    const parsed = carrierAccountInputSchema.parse(input);
    if (parsed.kind === 'http') {
      await assertPublicTarget(this.d.checkHost, new URL(parsed.base_url).hostname, 'base_url');
      if (parsed.auth.type === 'oauth2') await assertPublicTarget(this.d.checkHost, new URL(parsed.auth.token_url).hostname, 'auth.token_url');
    }
    if (isNative(parsed) && parsed.base_url) await assertPublicTarget(this.d.checkHost, new URL(parsed.base_url).hostname, 'base_url');
    const secret = parsed.kind === 'http' ? (parsed.auth.type === 'api_key' ? parsed.auth.key : parsed.auth.type === 'oauth2' ? parsed.auth.client_secret : null) : isNative(parsed) ? parsed.client_secret : null;
    const settings = parsed.kind === 'offline' ? { numbering: parsed.numbering }
      : isNative(parsed) ? { ...parsed, kind: undefined, carrier: undefined, name: undefined, client_secret: undefined }
      : { base_url: parsed.base_url, auth: { ...parsed.auth, key: undefined, client_secret: undefined }, timeout_ms: parsed.timeout_ms };
    const saved = await this.d.repo.saveAccount(tenantId, {
      id: newId('carrierAccount'), carrier: parsed.carrier, kind: parsed.kind, name: parsed.name ?? (isNative(parsed) ? `${NATIVE_NAMES[parsed.kind]} (${parsed.environment})` : `${parsed.carrier} (${parsed.kind})`),
      settings: JSON.parse(JSON.stringify(settings)) as Record<string, unknown>, secret: secret ? await this.d.seal(secret) : null,
    });
    return this.accountView(saved, publicSettings(parsed));
  }

  private accountView(a: StoredAccount, settings?: Record<string, unknown>): CarrierAccount {
    const s = settings ?? (a.kind === 'http' ? { ...a.settings, auth: { ...(a.settings['auth'] as object), ...(a.secret ? { secret: '••••' } : {}) } } : (NATIVE_CARRIERS as readonly string[]).includes(a.kind) ? { ...a.settings, client_secret: '••••' } : a.settings);
    return { id: a.id, carrier: a.carrier, kind: a.kind, name: a.name, settings: s, next_serial: null, created_at: a.created_at };
  }

  async listAccounts(tenantId: string): Promise<CarrierAccount[]> {
    return (await this.d.repo.listAccounts(tenantId)).map((a) => this.accountView(a));
  }

  /**
   * Checks an account without buying anything: an HTTP account signs in (OAuth2 when set) and
   * asks for a rate for a sample 1 lb parcel between two US addresses; an offline account has
   * nothing to reach and says so. Carrier failures come back as data, with the carrier's message.
   */
  async testAccount(tenantId: string, id: string, service = 'ground', opts: { labels?: boolean } = {}): Promise<CarrierAccountTest> {
    const account = (await this.d.repo.listAccounts(tenantId)).find((a) => a.id === id);
    if (!account) throw notFound('carrier account', id);
    const base = { account_id: account.id, carrier: account.carrier, kind: account.kind, checked_at: this.d.clock.now().toISOString() };
    if (account.kind === 'offline') return { ...base, ok: true, latency_ms: null, rates: [], error: null, checks: [] };
    const started = performance.now();
    const parcel = { reference: 'lastmile connection test', carrier: account.carrier, shipFrom: TEST_FROM, shipTo: TEST_TO, packages: [{ weight: { value: 1, unit: 'lb' as const }, dimensions: { length: 10, width: 8, height: 4, unit: 'in' as const } }], options: { signature: null, insured_value: null, cod: null } };
    const { gateway } = await this.d.gateways.for(tenantId, account.carrier, account.id);
    const checks: CarrierAccountTest['checks'] = [];
    let rates: CarrierAccountTest['rates'] = [];
    let error: CarrierAccountTest['error'] = null;
    try {
      rates = await gateway.rate({ ...parcel, service });
      checks.push({ name: 'token', ok: true, message: 'signed in' }, { name: 'rates', ok: true, message: `${rates.length} ${rates.length === 1 ? 'rate' : 'rates'}` });
    } catch (e) {
      if (!(e instanceof CarrierError)) throw e;
      error = { code: e.code, message: e.message, carrier_message: e.carrierMessage };
      checks.push({ name: 'token', ok: e.code !== 'CONFIGURATION', message: e.code === 'CONFIGURATION' ? e.message : 'signed in' }, { name: 'rates', ok: false, message: e.message });
    }
    // A label is bought and voided only where nothing is billed: a native account's sandbox, on request.
    const environment = (account.settings as { environment?: string }).environment;
    const sandbox = environment === 'sandbox' || environment === 'test';
    if (!opts.labels || error) checks.push({ name: 'labels', ok: null, message: error ? 'not tried: the account cannot rate' : 'not tried (ask with labels=true)' });
    else if (!sandbox) checks.push({ name: 'labels', ok: null, message: 'not tried: this account is in production, where a label is billed' });
    else {
      try {
        // The service asked for, or the cheapest the carrier offered when it does not know that one (USPS has no "ground").
        const labelService = rates.some((r) => r.service === service) ? service : rates[0]?.service ?? service;
        const label = await gateway.createLabel({ ...parcel, idempotencyKey: `test:${account.id}:${this.d.clock.now().getTime()}`, shipmentId: 'connection-test', service: labelService, quoted: null });
        await gateway.voidLabel({ carrierLabelId: label.carrierLabelId, trackingNumbers: label.trackingNumbers });
        checks.push({ name: 'labels', ok: true, message: `bought ${label.trackingNumbers.join(', ')} in the sandbox and voided it` });
      } catch (e) {
        if (!(e instanceof CarrierError)) throw e;
        error = { code: e.code, message: e.message, carrier_message: e.carrierMessage };
        checks.push({ name: 'labels', ok: false, message: e.message });
      }
    }
    return { ...base, ok: !error, latency_ms: Math.round(performance.now() - started), rates, error, checks };
  }


  async deleteAccount(tenantId: string, id: string): Promise<void> {
    if (!(await this.d.repo.deleteAccount(tenantId, id))) throw notFound('carrier account', id);
  }

  // ---- write-back export --------------------------------------------------------------------

  /** The CSV channel's export: tracking numbers written back since `afterSeq` (order id, carrier, service, number, URL). */
  async trackingExportCsv(tenantId: string, afterSeq = 0, limit = 100_000): Promise<{ csv: string; last_seq: number; rows: number }> {
    const rows = await this.d.repo.trackingExports(tenantId, afterSeq, limit);
    const head = csvLine(['order_id', 'channel', 'external_id', 'carrier', 'service', 'tracking_number', 'tracking_url', 'written_at']);
    const lines = rows.map((r) => csvLine([r.order_id, r.channel, r.external_id, r.carrier, r.service, r.tracking_number, r.tracking_url, r.created_at]));
    return { csv: `${[head, ...lines].join('\n')}\n`, last_seq: rows.at(-1)?.seq ?? afterSeq, rows: rows.length };
  }
}

/** What a bill of lading says the freight is: the order's lines, briefly. */
function freightDescription(order: Order): string {
  const names = order.lines.map((l) => `${l.quantity} x ${l.name ?? l.sku ?? 'item'}`);
  const text = names.slice(0, 3).join(', ') + (names.length > 3 ? `, +${names.length - 3} more` : '');
  return text || 'Freight';
}

function totalWeight(order: Order): Weight {
  const g = order.lines.reduce((t, l) => t + (l.weight ? toGrams(l.weight) * l.quantity : 0), 0);
  return gramsTo(g, 'lb');
}

export type { ShipmentStatus };
