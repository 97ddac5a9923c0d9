import type { UsZipDirectory } from '../addresses/ports.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { AppError } from '../kernel/errors.js';
import { toGrams, type Dimensions } from '../kernel/units.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { WarehousesService } from '../warehouses/warehouses.service.js';
import type { QuoteRequest } from './quote-request.schema.js';
import type { Shipment } from './shipment.js';

interface Deps {
  orders: OrdersService;
  warehouses: WarehousesService;
  catalog: CatalogService;
}

/**
 * An order as packages to rate. Until packing exists (its own issue) the order is one package:
 * the weight of all its units; dimensions only when it is a single unit (else dim weight and
 * size surcharges cannot be known, and the quote says so).
 */
export async function packagesForOrder(d: Deps, tenantId: string, orderId: string, options: QuoteRequest['options'], dir: UsZipDirectory) {
  const order = await d.orders.get(tenantId, orderId);
  if (!order.warehouse_id) throw new AppError('VALIDATION_FAILED', `Order ${orderId} has no ship-from warehouse`, { errors: [{ path: 'order_id', message: 'set its warehouse_id' }] });
  const warehouse = await d.warehouses.get(tenantId, order.warehouse_id);
  const warnings: string[] = [];
  const originZip = (warehouse.address.postal_code ?? '').slice(0, 5);
  if (warehouse.address.country !== 'US' || !/^\d{5}$/.test(originZip)) throw new AppError('VALIDATION_FAILED', `Warehouse ${warehouse.code} has no US ZIP Code`);
  const std = order.address_check?.standardized;
  const destZip = (std?.postal_code ?? order.ship_to.postal_code ?? '').slice(0, 5);
  if ((std?.country ?? order.ship_to.country) !== 'US' || !/^\d{5}$/.test(destZip)) {
    throw new AppError('VALIDATION_FAILED', `Order ${orderId} does not ship to a US ZIP Code: rating covers US domestic shipments`);
  }
  if (order.address_check?.verdict === 'invalid' && !order.address_check.accepted) warnings.push('the ship-to address is invalid (address_review): the quote may not hold');

  let grams = 0;
  let units = 0;
  let dims: Dimensions | null = null;
  let battery = false;
  let hazmat = false;
  let signature = false;
  for (const line of order.lines) {
    const sku = line.sku ? await d.catalog.get(tenantId, line.sku).catch(() => undefined) : undefined;
    const weight = line.weight ?? sku?.weight;
    if (!weight) throw new AppError('VALIDATION_FAILED', `Line ${line.sku ?? line.name ?? ''} has no weight (neither on the line nor in the catalog)`);
    grams += toGrams(weight) * line.quantity;
    units += line.quantity;
    dims = line.dimensions ?? sku?.dimensions ?? null;
    battery ||= sku?.flags.includes('battery') ?? false;
    hazmat ||= sku?.flags.includes('hazmat') ?? false;
    signature ||= sku?.flags.includes('requires_signature') ?? false;
  }
  if (units !== 1) {
    dims = null;
    warnings.push('several units and no packing yet: rated as one package by weight, without dimensions');
  }
  const residential = options.residential ?? order.ship_to.residential ?? (order.address_check ? order.address_check.classification.residential.value === 'residential' : true);
  const pref = order.delivery_preference;
  const shipment: Shipment = {
    originZip,
    destZip,
    destState: std?.state ?? dir.lookup(destZip)?.state ?? null,
    residential,
    weight: { value: Math.round((grams / 453.59237) * 1e6) / 1e6, unit: 'lb' },
    dimensions: dims,
    signature: options.signature ?? (signature ? 'direct' : null),
    declaredValue: options.declared_value?.amount ?? null,
    cod: options.cod ?? order.cod_amount !== null,
    nonCartonPackaging: options.non_carton ?? false,
    battery: options.battery ?? battery,
    hazmat: options.hazmat ?? hazmat,
    accessorials: new Set(options.accessorials ?? (pref.type === 'truck_appointment' ? pref.accessorials.filter((a) => ['liftgate', 'appointment', 'inside_delivery'].includes(a)) : [])),
    freightClass: options.freight_class ?? null,
  };
  return { shipments: [shipment], warnings, currency: order.order_value.currency };
}
