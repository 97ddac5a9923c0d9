type Json = Record<string, unknown>;

export interface ShopifyFulfillmentOrder {
  id: string;
  order_id: string;
  status: string;
  /** Whether lastmile may fulfil it (open or in progress). */
  fulfillable: boolean;
  lines: { id: string; line_item_id: string; quantity: number }[];
}

export interface ShopifyFulfillment {
  id: string;
  order_id: string;
  status: string;
  tracking: { company: string | null; numbers: string[]; urls: string[] };
}

const list = (payload: unknown, many: string, one: string): Json[] => {
  const p = payload as Json;
  if (Array.isArray(p)) return p as Json[];
  if (Array.isArray(p[many])) return p[many] as Json[];
  if (p[one] && typeof p[one] === 'object') return [p[one] as Json];
  return 'id' in p ? [p] : [];
};

/** REST fulfillment orders (`fulfillment_orders`, `fulfillment_order`, or bare). */
export function shopifyFulfillmentOrders(payload: unknown): ShopifyFulfillmentOrder[] {
  return list(payload, 'fulfillment_orders', 'fulfillment_order').map((f) => ({
    id: String(f['id']), order_id: String(f['order_id']), status: String(f['status'] ?? ''),
    fulfillable: f['status'] === 'open' || f['status'] === 'in_progress',
    lines: ((f['line_items'] as Json[] | undefined) ?? []).map((l) => ({ id: String(l['id']), line_item_id: String(l['line_item_id']), quantity: Number(l['fulfillable_quantity'] ?? l['quantity'] ?? 0) })),
  }));
}

/** REST fulfillments (`fulfillments`, `fulfillment`, or bare): what the shop already shipped and with which numbers. */
export function shopifyFulfillments(payload: unknown): ShopifyFulfillment[] {
  return list(payload, 'fulfillments', 'fulfillment').map((f) => ({
    id: String(f['id']), order_id: String(f['order_id']), status: String(f['status'] ?? ''),
    tracking: {
      company: (f['tracking_company'] as string | null) ?? null,
      numbers: (f['tracking_numbers'] as string[] | undefined) ?? (f['tracking_number'] ? [String(f['tracking_number'])] : []),
      urls: (f['tracking_urls'] as string[] | undefined) ?? (f['tracking_url'] ? [String(f['tracking_url'])] : []),
    },
  }));
}
