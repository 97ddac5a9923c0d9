import type { CatalogService } from '../catalog/catalog.service.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { toGrams, toMillimetres } from '../kernel/units.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { RatingService } from '../rating/rating.service.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import type { PackRequest, PackResponse } from './pack.schema.js';
import { planRequest } from './plan-request.js';

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
const lb = (w: Parameters<typeof toGrams>[0]) => r6(toGrams(w) / 453.59237);
const inch = (v: number, unit: Parameters<typeof toMillimetres>[1]) => r6(toMillimetres(v, unit) / 25.4);

/** Packing plans for ad-hoc requests and for orders (their warehouse's boxes, their SKUs). */
export class PackingService {
  constructor(
    private readonly d: { orders: OrdersService; warehouses: WarehousesService; catalog: CatalogService; rating: RatingService; clock: Clock },
  ) {}

  private today() {
    return this.d.clock.now().toISOString().slice(0, 10);
  }

  /** `tenantId` undefined: offline (the CLI without a database), where only sample cards exist. */
  async plan(tenantId: string | undefined, req: PackRequest): Promise<PackResponse> {
    if (req.boxes.length === 0) throw new AppError('VALIDATION_FAILED', 'No boxes to pack into', { errors: [{ path: 'boxes', message: 'give at least one box' }] });
    const date = this.today();
    const card = req.service ? await this.d.rating.card(tenantId, req.service, date) : undefined;
    return planRequest(req, card, date);
  }

  async packOrder(tenantId: string, orderId: string, opts: { service?: string; separate?: [string, string][] }): Promise<PackResponse> {
    const order = await this.d.orders.get(tenantId, orderId);
    if (!order.warehouse_id) throw new AppError('VALIDATION_FAILED', `Order ${orderId} has no ship-from warehouse`);
    const wh = await this.d.warehouses.get(tenantId, order.warehouse_id);
    const boxes = wh.boxes.filter((b) => b.available);
    if (boxes.length === 0) throw new AppError('VALIDATION_FAILED', `Warehouse ${wh.code} has no boxes: add them to its "boxes"`, { errors: [{ path: 'warehouse.boxes', message: 'empty' }] });
    const problems: { path: string; message: string }[] = [];
    const items: PackRequest['items'] = [];
    for (const [i, line] of order.lines.entries()) {
      const sku = line.sku ? await this.d.catalog.get(tenantId, line.sku).catch(() => undefined) : undefined;
      const weight = line.weight ?? sku?.weight;
      const dims = line.dimensions ?? sku?.dimensions;
      if (!weight || !dims) {
        problems.push({ path: `lines[${i}]`, message: `${line.sku ?? line.name ?? 'line'} has no ${!weight ? 'weight' : 'dimensions'} (on the line or in the catalog)` });
        continue;
      }
      items.push({
        id: line.sku ?? `line-${i + 1}`, length: inch(dims.length, dims.unit), width: inch(dims.width, dims.unit), height: inch(dims.height, dims.unit),
        weight: lb(weight), quantity: line.quantity, flags: [...(sku?.flags ?? [])],
      });
    }
    if (problems.length) throw new AppError('VALIDATION_FAILED', `Order ${orderId} cannot be packed`, { errors: problems });
    const req: PackRequest = {
      items,
      boxes: boxes.map((b) => ({
        id: b.id, type: b.type,
        inner: { length: inch(b.inner.length, b.inner.unit), width: inch(b.inner.width, b.inner.unit), height: inch(b.inner.height, b.inner.unit) },
        ...(b.outer ? { outer: { length: inch(b.outer.length, b.outer.unit), width: inch(b.outer.width, b.outer.unit), height: inch(b.outer.height, b.outer.unit) } } : {}),
        max_weight: lb(b.max_weight), tare_weight: lb(b.tare_weight), cost: b.cost.amount / 100,
      })),
      units: { length: 'in', weight: 'lb' },
      dim_divisor: 139,
      zone: '5',
      separate: opts.separate ?? [],
      ...(opts.service ? { service: opts.service } : {}),
    };
    const date = this.today();
    const card = opts.service ? await this.d.rating.card(tenantId, opts.service, date) : undefined;
    if (card) {
      const dest = (order.address_check?.standardized.postal_code ?? order.ship_to.postal_code ?? '').slice(0, 5);
      const origin = (wh.address.postal_code ?? '').slice(0, 5);
      if (/^\d{5}$/.test(dest) && /^\d{5}$/.test(origin)) {
        const z = await this.d.rating.zoneFor(tenantId, card, origin, dest, date, items.reduce((t, i) => t + i.weight * i.quantity, 0));
        req.zone = z.zone;
      }
    }
    const res = planRequest(req, card, date);
    if (card) res.notes.push(`zone ${req.zone} from ${wh.address.postal_code ?? '?'} to the order's ZIP`);
    return res;
  }
}
