import { AppError } from '../kernel/errors.js';
import type { OrderStatus } from './order.schema.js';

/** The order lifecycle (CONVENTIONS.md): the one table every status change is checked against. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['address_review', 'ready', 'decided', 'cancelled', 'exception'],
  address_review: ['ready', 'cancelled', 'exception'],
  ready: ['address_review', 'decided', 'cancelled', 'exception'],
  decided: ['ready', 'fulfilling', 'cancelled', 'exception'],
  // A parcel may be delivered before any in-transit scan reaches us.
  fulfilling: ['shipped', 'delivered', 'decided', 'cancelled', 'exception'],
  shipped: ['delivered', 'exception'],
  delivered: [],
  cancelled: [],
  exception: ['ready', 'fulfilling', 'shipped', 'delivered', 'cancelled'],
};

/** Statuses in which address, lines and options may still be edited. */
export const EDITABLE: ReadonlySet<OrderStatus> = new Set(['new', 'address_review', 'ready', 'decided']);

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('INVALID_STATE', `An order cannot go from ${from} to ${to}`, { details: { from, to } });
  }
}

/**
 * Editing a decided order invalidates its decision: it goes back to ready. Other editable
 * statuses keep their status (address validation will re-run on ship_to changes).
 */
export function statusAfterEdit(current: OrderStatus): OrderStatus {
  if (!EDITABLE.has(current)) {
    throw new AppError('INVALID_STATE', `An order in status ${current} can no longer be changed`, { details: { order_status: current } });
  }
  return current === 'decided' ? 'ready' : current;
}
