import type { OrderCreateInput } from '../../src/orders/order.schema.js';
import type { WarehouseCreate } from '../../src/warehouses/warehouse.schema.js';

export function orderInput(overrides: Partial<OrderCreateInput> = {}): OrderCreateInput {
  return {
    channel: 'api',
    external_id: `ext-${Math.random().toString(36).slice(2, 10)}`,
    ship_to: { name: 'Ana Garcia', line1: '12 Beacon St', city: 'Boston', state: 'MA', postal_code: '02108', country: 'US' },
    lines: [{ sku: 'MUG-1', quantity: 2 }],
    order_value: { amount: 2500, currency: 'USD' },
    ...overrides,
  };
}

export function warehouseInput(overrides: Partial<WarehouseCreate> = {}): WarehouseCreate {
  return {
    code: 'ONT1',
    name: 'Ontario',
    address: { name: null, company: null, line1: '1 Dock Rd', line2: null, line3: null, city: 'Ontario', state: 'CA', postal_code: '91761', country: 'US', phone: null, tax_id: null, email: null, residential: false, latitude: null, longitude: null },
    timezone: 'America/Los_Angeles',
    operating_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    pickup_cutoffs: [],
    has_dock: true,
    has_liftgate: false,
    fleet: { vehicle_types: [] },
    boxes: [],
    ...overrides,
  };
}
