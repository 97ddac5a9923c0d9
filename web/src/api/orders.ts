import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../.generated/schema';
import { api, unwrap } from './client';

type ListQuery = NonNullable<paths['/v1/orders']['get']['parameters']['query']>;
export type Order = paths['/v1/orders/{id}']['get']['responses'][200]['content']['application/json'];
/** The decision as POST /v1/orders/{id}/decide returns it (typed); orders keep the same object. */
export type Decision = paths['/v1/orders/{id}/decide']['post']['responses'][200]['content']['application/json']['decision'];
export type Candidate = Decision['candidates'][number];

export const orderKeys = {
  all: ['orders'] as const,
  list: (q: ListQuery) => ['orders', 'list', q] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  events: (id: string) => ['orders', 'events', id] as const,
};

export type { ListQuery as OrderListQuery };
const STATUSES = ['address_review', 'ready', 'decided', 'fulfilling', 'shipped', 'delivered', 'exception', 'cancelled'] as const;
const MODES = ['parcel', 'truck', 'pickup'] as const;
export const ORDER_STATUSES = STATUSES;
export const DECISION_MODES = MODES;

/**
 * The orders page's query from its URL (?status=&q=&warehouse_id=&mode=&carrier=&from=&to=&cursor=):
 * one function, so the page and the early fetch at start-up ask for the same thing. Dates are days
 * in the browser's time zone, sent as instants.
 */
export function orderQueryFromUrl(params: URLSearchParams): ListQuery {
  const pick = <T extends string>(name: string, allowed: readonly T[]) => ((allowed as readonly string[]).includes(params.get(name) ?? '') ? (params.get(name) as T) : undefined);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const day = (name: string, end: boolean) => {
    const v = params.get(name);
    if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
    const d = new Date(`${v}T00:00:00`);
    if (end) d.setDate(d.getDate() + 1);
    return Number.isNaN(d.getTime()) ? undefined : new Date(d.getTime() - (end ? 1 : 0)).toISOString();
  };
  const q: ListQuery = { limit: 50 };
  const set = <K extends keyof ListQuery>(k: K, v: ListQuery[K] | undefined) => { if (v !== undefined) q[k] = v; };
  set('status', pick('status', STATUSES));
  set('q', text('q'));
  set('warehouse_id', text('warehouse_id'));
  set('mode', pick('mode', MODES));
  set('carrier', text('carrier'));
  set('channel', text('channel'));
  set('created_from', day('from', false));
  set('created_to', day('to', true));
  set('cursor', text('cursor'));
  return q;
}

export const ordersQuery = (q: ListQuery) => ({ queryKey: orderKeys.list(q), queryFn: () => unwrap(api.GET('/v1/orders', { params: { query: q } })) });

export function useOrders(q: ListQuery) {
  return useQuery({ ...ordersQuery(q), placeholderData: keepPreviousData });
}

/** Cancels orders one by one (four at a time); each result says whether it went through and why not. */
export function useCancelOrders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, reason }: { ids: string[]; reason: string }) => {
      const results: { order_id: string; error: string | null }[] = [];
      const queue = [...ids];
      await Promise.all(Array.from({ length: Math.min(4, queue.length) }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const r = await unwrap(api.POST('/v1/orders/{id}/cancel', { params: { path: { id } }, body: { reason } })).then(() => null, (e: Error) => e.message);
          results.push({ order_id: id, error: r });
        }
      }));
      return results;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => unwrap(api.GET('/v1/orders/{id}', { params: { path: { id } } })) });
}

export function useOrderEvents(id: string) {
  return useQuery({ queryKey: orderKeys.events(id), queryFn: () => unwrap(api.GET('/v1/orders/{id}/events', { params: { path: { id } } })) });
}

export function useDecide(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/orders/{id}/decide', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

/** An order's stored decision, read as the typed decision (orders decided by older versions may lack newer fields). */
export const decisionOf = (o: Order): Decision | null => (o.decision as unknown as Decision | null) ?? null;

/** Decides the orders as a batch under the daily quotas (a job); the decisions are saved. */
export function useBatchDecide() {
  return useMutation({ mutationFn: (orderIds: string[]) => unwrap(api.POST('/v1/routing/plan', { body: { order_ids: orderIds, apply: true } })) });
}

/** Buys the labels of decided orders as a batch (a job, exactly once per order). */
export function useBuyLabels() {
  return useMutation({ mutationFn: (orderIds: string[]) => unwrap(api.POST('/v1/label-batches', { body: { order_ids: orderIds } })) });
}

type ShipTo = Order['ship_to'];

/** Edits the ship-to address: it is checked again (a valid one leaves address review). */
export function useFixAddress(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ship_to: ShipTo) => unwrap(api.PATCH('/v1/orders/{id}', { params: { path: { id } }, body: { ship_to } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

/** Vouches for an address the validator rejected (the reason stays in the audit trail). */
export function useAcceptAddress(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => unwrap(api.POST('/v1/orders/{id}/address/accept', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

/** Asks the tenant's USPS, UPS or FedEx account to validate the ship-to address (recorded on the address check). */
export function useCarrierAddressCheck(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/orders/{id}/address/carrier-check', { params: { path: { id } }, body: {} })),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

/** Uploads a CSV (our template or a Shopify export) as an import job. */
export function useImportOrders() {
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(api.POST('/v1/orders/import', { body: file as never, bodySerializer: (b: unknown) => b as BodyInit, headers: { 'content-type': 'text/csv' } })),
  });
}

export type ChannelFormat = paths['/v1/orders/import/channel']['post']['parameters']['query']['format'];
/** Orders from a channel's own JSON (what its API returns), imported at once with every refused order named. */
export function useImportChannelOrders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ format, payload }: { format: ChannelFormat; payload: unknown }) => unwrap(api.POST('/v1/orders/import/channel', { params: { query: { format } }, body: payload as never })),
    onSettled: () => qc.invalidateQueries({ queryKey: orderKeys.all }),
  });
}
