import { AppError } from '../kernel/errors.js';

export const SHIPMENT_STATUSES = [
  'draft', 'label_pending', 'labeled', 'manifested', 'in_transit', 'delivered', 'exception', 'returning', 'returned', 'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * The shipment lifecycle (CONVENTIONS.md), the one table every status change is checked
 * against. A purchase that finally fails goes to `exception` with the carrier's message; it
 * can be retried (back to `label_pending`) or cancelled. Cancelling a labeled shipment voids
 * its label first.
 */
export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  draft: ['label_pending', 'cancelled'],
  label_pending: ['labeled', 'exception', 'cancelled'],
  labeled: ['manifested', 'in_transit', 'exception', 'cancelled'],
  manifested: ['in_transit', 'delivered', 'exception', 'returning', 'cancelled'],
  in_transit: ['delivered', 'exception', 'returning'],
  delivered: ['returning'],
  exception: ['label_pending', 'in_transit', 'delivered', 'returning', 'cancelled'],
  returning: ['returned', 'exception'],
  returned: [],
  cancelled: [],
};

/** Statuses with a bought label that must be voided when the shipment is cancelled. */
export const HAS_LABEL: ReadonlySet<ShipmentStatus> = new Set(['labeled', 'manifested']);

export function canTransition(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return SHIPMENT_TRANSITIONS[from].includes(to);
}

export function assertShipmentTransition(from: ShipmentStatus, to: ShipmentStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('INVALID_STATE', `A shipment cannot go from ${from} to ${to}`, { details: { from, to } });
  }
}
