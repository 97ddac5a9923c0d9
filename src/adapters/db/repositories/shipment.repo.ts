import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { AppError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { toPage } from '../../../kernel/list.js';
import type { Money } from '../../../kernel/money.js';
import type { ShipmentStatus } from '../../../shipments/lifecycle.js';
import type {
  LabelDocument, ManifestRecord, NewShipment, OutboxInsert, PurchasedLabel, ShipmentFilters, ShipmentRepo, StoredAccount, StoredShipment,
} from '../../../shipments/ports.js';
import type { CarrierErrorInfo, ShipmentPackage } from '../../../shipments/shipment.schema.js';
import type { Db } from '../database.js';
import { isUniqueViolation } from '../errors.js';
import { carrierAccounts, carrierSerials, labelDocuments, manifests, orderEvents, orders, outbox, parcels, shipmentEvents, shipments, trackingExports } from '../schema.js';
import { rowsOf, type Tx } from './outbox.repo.js';

type Row = typeof shipments.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toShipment(r: Row): StoredShipment {
  return {
    id: r.id, order_id: r.orderId, warehouse_id: r.warehouseId, status: r.status as ShipmentStatus, carrier: r.carrier, service: r.service,
    card: r.card, service_name: r.serviceName, account_id: r.accountId, sample: r.sample, reference: r.reference,
    ship_from: r.shipFrom as StoredShipment['ship_from'], ship_to: r.shipTo as StoredShipment['ship_to'],
    packages: r.packages as ShipmentPackage[], tracking_numbers: r.trackingNumbers, carrier_label_id: r.carrierLabelId,
    quoted: r.quoted as Money | null, cost: r.cost as Money | null, options: r.options as StoredShipment['options'],
    purchase: { idempotency_key: r.purchaseKey, attempts: r.purchaseAttempts, last_error: r.lastError as CarrierErrorInfo | null },
    error: r.error as CarrierErrorInfo | null, manifest_id: r.manifestId, batch_id: r.batchId,
    created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString(), labeled_at: iso(r.labeledAt),
  };
}

type ManifestRow = typeof manifests.$inferSelect;
const toManifest = (r: ManifestRow): ManifestRecord => ({
  id: r.id, carrier: r.carrier, warehouse_id: r.warehouseId, ship_date: r.shipDate, carrier_manifest_id: r.carrierManifestId,
  shipment_ids: r.shipmentIds, summary: r.summary as ManifestRecord['summary'], created_at: r.createdAt.toISOString(),
});

type AccountRow = typeof carrierAccounts.$inferSelect;
const toAccount = (r: AccountRow): StoredAccount => ({
  id: r.id, carrier: r.carrier, kind: r.kind as StoredAccount['kind'], name: r.name, settings: r.settings as Record<string, unknown>, secret: r.secret, created_at: r.createdAt.toISOString(),
});

export class DrizzleShipmentRepo implements ShipmentRepo {
  constructor(private readonly db: Db) {}

  private async event(tx: Tx | Db, tenantId: string, shipmentId: string, type: string, data: Record<string, unknown>, actor: string) {
    await tx.insert(shipmentEvents).values({ id: newId('shipmentEvent'), tenantId, shipmentId, type, data, actor });
  }

  private async outbox(tx: Tx, tenantId: string, refId: string, o: OutboxInsert | null) {
    if (o) await tx.insert(outbox).values({ id: o.id, tenantId, kind: o.kind, refId, payload: o.payload, state: 'pending' });
  }

  private async orderStatus(tx: Tx, tenantId: string, orderId: string, from: string, to: string, type: string, data: Record<string, unknown>, actor: string): Promise<boolean> {
    const r = await tx
      .update(orders)
      .set({ status: to, updatedAt: sql`now()` })
      .where(and(eq(orders.tenantId, tenantId), eq(orders.id, orderId), eq(orders.status, from)))
      .returning({ id: orders.id });
    if (r.length === 0) return false;
    await tx.insert(orderEvents).values({ id: newId('orderEvent'), tenantId, orderId, type, data, actor });
    return true;
  }

  async create(tenantId: string, s: NewShipment, ob: OutboxInsert | null, actor: string): Promise<StoredShipment> {
    try {
      return await this.db.transaction(async (tx) => {
        const moved = await this.orderStatus(tx, tenantId, s.order_id, 'decided', 'fulfilling', 'order.fulfilling', { shipment_id: s.id }, actor);
        if (!moved) throw new AppError('INVALID_STATE', `Order ${s.order_id} is no longer decided`);
        const [row] = await tx
          .insert(shipments)
          .values({
            id: s.id, tenantId, orderId: s.order_id, warehouseId: s.warehouse_id, status: s.status, carrier: s.carrier, service: s.service, card: s.card,
            serviceName: s.service_name, accountId: s.account_id, sample: s.sample, reference: s.reference, shipFrom: s.ship_from, shipTo: s.ship_to,
            packages: s.packages, quoted: s.quoted, options: s.options, purchaseKey: s.purchase_key, batchId: s.batch_id,
          })
          .returning();
        await this.event(tx, tenantId, s.id, 'shipment.created', { order_id: s.order_id, carrier: s.carrier, service: s.service, status: s.status }, actor);
        await this.outbox(tx, tenantId, s.id, ob);
        return toShipment(row!);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', `Order ${s.order_id} already has a shipment; cancel it first`, { details: { order_id: s.order_id } });
      throw e;
    }
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(shipments).where(and(eq(shipments.tenantId, tenantId), eq(shipments.id, id)));
    return r ? toShipment(r) : undefined;
  }

  async list(tenantId: string, f: ShipmentFilters, beforeId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(shipments)
      .where(
        and(
          eq(shipments.tenantId, tenantId),
          f.status ? eq(shipments.status, f.status) : undefined,
          f.order_id ? eq(shipments.orderId, f.order_id) : undefined,
          f.batch_id ? eq(shipments.batchId, f.batch_id) : undefined,
          f.carrier ? eq(shipments.carrier, f.carrier) : undefined,
          f.warehouse_id ? eq(shipments.warehouseId, f.warehouse_id) : undefined,
          beforeId ? lt(shipments.id, beforeId) : undefined,
        ),
      )
      .orderBy(desc(shipments.id))
      .limit(limit + 1);
    return toPage(rows.map(toShipment), limit);
  }

  async listByIds(tenantId: string, ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await this.db.select().from(shipments).where(and(eq(shipments.tenantId, tenantId), inArray(shipments.id, ids))).orderBy(asc(shipments.id));
    return rows.map(toShipment);
  }

  async requestPurchase(tenantId: string, id: string, from: ShipmentStatus, purchaseKey: string, ob: OutboxInsert, actor: string) {
    return this.db.transaction(async (tx) => {
      const [r] = await tx
        .update(shipments)
        .set({ status: 'label_pending', purchaseKey, purchaseAttempts: 0, error: null, lastError: null, updatedAt: sql`now()` })
        .where(and(eq(shipments.tenantId, tenantId), eq(shipments.id, id), eq(shipments.status, from)))
        .returning();
      if (!r) return undefined;
      await this.event(tx, tenantId, id, 'shipment.label_requested', { from, idempotency_key: purchaseKey }, actor);
      await this.outbox(tx, tenantId, id, ob);
      return toShipment(r);
    });
  }

  async recordAttempt(tenantId: string, id: string, attempts: number, lastError: CarrierErrorInfo | null) {
    await this.db
      .update(shipments)
      .set({ purchaseAttempts: attempts, lastError, updatedAt: sql`now()` })
      .where(and(eq(shipments.tenantId, tenantId), eq(shipments.id, id)));
  }

  async saveLabel(tenantId: string, id: string, label: PurchasedLabel, writeBack: OutboxInsert | null, attempts: number, labeledAt: Date) {
    return this.db.transaction(async (tx) => {
      const [cur] = await tx.select().from(shipments).where(and(eq(shipments.tenantId, tenantId), eq(shipments.id, id))).for('update');
      if (!cur || cur.status !== 'label_pending') return undefined;
      const packages = (cur.packages as ShipmentPackage[]).map((p, k) => ({ ...p, tracking_number: label.trackingNumbers[k] ?? null }));
      const [r] = await tx
        .update(shipments)
        .set({
          status: 'labeled', trackingNumbers: label.trackingNumbers, packages, carrierLabelId: label.carrierLabelId, cost: label.cost,
          sample: cur.sample || label.sample, purchaseAttempts: attempts, error: null, labeledAt, updatedAt: sql`now()`,
        })
        .where(eq(shipments.id, id))
        .returning();
      await tx
        .insert(parcels)
        .values(label.trackingNumbers.map((tn) => ({ tenantId, trackingNumber: tn, shipmentId: id })))
        .onConflictDoUpdate({ target: [parcels.tenantId, parcels.trackingNumber], set: { shipmentId: id } });
      const docs = label.documents ?? [];
      if (docs.length) {
        await tx
          .insert(labelDocuments)
          .values(docs.map((d) => ({ tenantId, shipmentId: id, format: d.format, data: d.data.toString('base64') })))
          .onConflictDoNothing();
      }
      await this.event(tx, tenantId, id, 'shipment.labeled', { tracking_numbers: label.trackingNumbers, carrier_label_id: label.carrierLabelId, cost: label.cost, carrier_documents: docs.map((d) => d.format) }, 'system');
      await this.outbox(tx, tenantId, id, writeBack);
      return toShipment(r!);
    });
  }

  async labelDocuments(tenantId: string, shipmentIds: string[]) {
    const out = new Map<string, LabelDocument[]>();
    if (shipmentIds.length === 0) return out;
    const rows = await this.db
      .select({ shipmentId: labelDocuments.shipmentId, format: labelDocuments.format, data: labelDocuments.data })
      .from(labelDocuments)
      .where(and(eq(labelDocuments.tenantId, tenantId), inArray(labelDocuments.shipmentId, shipmentIds)));
    for (const r of rows) {
      const list = out.get(r.shipmentId) ?? [];
      list.push({ format: r.format as LabelDocument['format'], data: Buffer.from(r.data, 'base64') });
      out.set(r.shipmentId, list);
    }
    return out;
  }

  async markException(tenantId: string, id: string, error: CarrierErrorInfo) {
    return this.db.transaction(async (tx) => {
      const [r] = await tx
        .update(shipments)
        .set({ status: 'exception', error, lastError: error, updatedAt: sql`now()` })
        .where(and(eq(shipments.tenantId, tenantId), eq(shipments.id, id), eq(shipments.status, 'label_pending')))
        .returning();
      if (!r) return undefined;
      await this.event(tx, tenantId, id, 'shipment.label_failed', { ...error }, 'system');
      return toShipment(r);
    });
  }

  async cancel(tenantId: string, id: string, from: ShipmentStatus, reason: string, actor: string) {
    return this.db.transaction(async (tx) => {
      const [r] = await tx
        .update(shipments)
        .set({ status: 'cancelled', updatedAt: sql`now()` })
        .where(and(eq(shipments.tenantId, tenantId), eq(shipments.id, id), eq(shipments.status, from)))
        .returning();
      if (!r) return undefined;
      await this.event(tx, tenantId, id, 'shipment.cancelled', { from, reason, voided: from === 'labeled' || from === 'manifested' }, actor);
      await this.orderStatus(tx, tenantId, r.orderId, 'fulfilling', 'decided', 'order.shipment_cancelled', { shipment_id: id, reason }, actor);
      return toShipment(r);
    });
  }

  async addEvent(tenantId: string, shipmentId: string, type: string, data: Record<string, unknown>, actor: string) {
    await this.event(this.db, tenantId, shipmentId, type, data, actor);
  }

  async events(tenantId: string, id: string) {
    const rows = await this.db.select().from(shipmentEvents).where(and(eq(shipmentEvents.tenantId, tenantId), eq(shipmentEvents.shipmentId, id))).orderBy(asc(shipmentEvents.id));
    return rows.map((r) => ({ id: r.id, type: r.type, data: r.data as Record<string, unknown>, actor: r.actor ?? 'system', created_at: r.createdAt.toISOString() }));
  }

  async labeledFor(tenantId: string, carrier: string, warehouseId: string) {
    const rows = await this.db
      .select()
      .from(shipments)
      .where(and(eq(shipments.tenantId, tenantId), eq(shipments.status, 'labeled'), eq(shipments.carrier, carrier), eq(shipments.warehouseId, warehouseId)))
      .orderBy(asc(shipments.id));
    return rows.map(toShipment);
  }

  async saveManifest(tenantId: string, m: ManifestRecord) {
    return this.db.transaction(async (tx) => {
      const moved = await tx
        .update(shipments)
        .set({ status: 'manifested', manifestId: m.id, updatedAt: sql`now()` })
        .where(and(eq(shipments.tenantId, tenantId), inArray(shipments.id, m.shipment_ids), eq(shipments.status, 'labeled')))
        .returning({ id: shipments.id });
      if (moved.length !== m.shipment_ids.length) throw new AppError('CONFLICT', 'Shipments changed while the manifest was being closed; retry');
      const [r] = await tx
        .insert(manifests)
        .values({ id: m.id, tenantId, carrier: m.carrier, warehouseId: m.warehouse_id, shipDate: m.ship_date, carrierManifestId: m.carrier_manifest_id, shipmentIds: m.shipment_ids, summary: m.summary })
        .returning();
      for (const sid of m.shipment_ids) await this.event(tx, tenantId, sid, 'shipment.manifested', { manifest_id: m.id }, 'system');
      return toManifest(r!);
    });
  }

  async getManifest(tenantId: string, id: string) {
    const [r] = await this.db.select().from(manifests).where(and(eq(manifests.tenantId, tenantId), eq(manifests.id, id)));
    return r ? toManifest(r) : undefined;
  }

  async listManifests(tenantId: string, beforeId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(manifests)
      .where(and(eq(manifests.tenantId, tenantId), beforeId ? lt(manifests.id, beforeId) : undefined))
      .orderBy(desc(manifests.id))
      .limit(limit + 1);
    return toPage(rows.map(toManifest), limit);
  }

  async allocateSerials(tenantId: string, key: string, count: number, range: { first: number; last: number }) {
    const r = await this.db.execute(sql`
      insert into carrier_serials (tenant_id, key, next) values (${tenantId}, ${key}, ${range.first + count})
      on conflict (tenant_id, key) do update set next = carrier_serials.next + ${count}
      returning next`);
    const next = Number(rowsOf(r)[0]!['next']);
    const start = next - count;
    if (next - 1 > range.last) return null;
    return Array.from({ length: count }, (_, k) => start + k);
  }

  async saveAccount(tenantId: string, a: { id: string; carrier: string; kind: 'offline' | 'http'; name: string; settings: Record<string, unknown>; secret: string | null }) {
    const [r] = await this.db
      .insert(carrierAccounts)
      .values({ id: a.id, tenantId, carrier: a.carrier, kind: a.kind, name: a.name, settings: a.settings, secret: a.secret })
      .onConflictDoUpdate({
        target: [carrierAccounts.tenantId, carrierAccounts.carrier],
        set: { kind: a.kind, name: a.name, settings: a.settings, secret: a.secret, updatedAt: sql`now()` },
      })
      .returning();
    return toAccount(r!);
  }

  async accountFor(tenantId: string, carrier: string) {
    const [r] = await this.db.select().from(carrierAccounts).where(and(eq(carrierAccounts.tenantId, tenantId), eq(carrierAccounts.carrier, carrier)));
    return r ? toAccount(r) : undefined;
  }

  async listAccounts(tenantId: string) {
    return (await this.db.select().from(carrierAccounts).where(eq(carrierAccounts.tenantId, tenantId)).orderBy(asc(carrierAccounts.carrier))).map(toAccount);
  }

  async deleteAccount(tenantId: string, id: string) {
    const r = await this.db.delete(carrierAccounts).where(and(eq(carrierAccounts.tenantId, tenantId), eq(carrierAccounts.id, id))).returning({ id: carrierAccounts.id });
    return r.length > 0;
  }

  async addTrackingExports(tenantId: string, rows: { orderId: string; trackingNumber: string; channel: string; externalId: string; carrier: string; service: string; trackingUrl: string }[]) {
    if (rows.length === 0) return 0;
    const r = await this.db
      .insert(trackingExports)
      .values(rows.map((x) => ({ tenantId, ...x })))
      .onConflictDoNothing()
      .returning({ n: trackingExports.trackingNumber });
    return r.length;
  }

  async trackingExports(tenantId: string, afterSeq: number, limit: number) {
    const rows = await this.db
      .select()
      .from(trackingExports)
      .where(and(eq(trackingExports.tenantId, tenantId), gt(trackingExports.seq, afterSeq)))
      .orderBy(asc(trackingExports.seq))
      .limit(limit);
    return rows.map((r) => ({
      seq: r.seq, order_id: r.orderId, channel: r.channel, external_id: r.externalId, carrier: r.carrier, service: r.service,
      tracking_number: r.trackingNumber, tracking_url: r.trackingUrl, created_at: r.createdAt.toISOString(),
    }));
  }
}
