import type { Page } from '../kernel/list.js';

export const WEBHOOK_EVENTS = ['shipment.tracking_updated', 'case.opened', 'case.updated', 'webhook.test'] as const;

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  consecutive_failures: number;
  disabled_at: string | null;
  created_at: string;
}

export interface WebhookDelivery {
  id: string;
  endpoint_id: string;
  event_id: string;
  type: string;
  payload: Record<string, unknown>;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookRepo {
  createEndpoint(tenantId: string, e: { id: string; url: string; sealedSecret: string; events: string[] }): Promise<WebhookEndpoint>;
  listEndpoints(tenantId: string): Promise<WebhookEndpoint[]>;
  getEndpoint(tenantId: string, id: string): Promise<(WebhookEndpoint & { sealed_secret: string }) | undefined>;
  setEnabled(tenantId: string, id: string, enabled: boolean): Promise<WebhookEndpoint | undefined>;
  deleteEndpoint(tenantId: string, id: string): Promise<boolean>;
  /** Records deliveries and their outbox rows in one transaction. */
  enqueue(tenantId: string, deliveries: { id: string; endpoint_id: string; event_id: string; type: string; payload: Record<string, unknown>; outbox_id: string }[]): Promise<void>;
  getDelivery(tenantId: string, id: string): Promise<WebhookDelivery | undefined>;
  /** One attempt's outcome; failures count towards disabling the endpoint at `disableAfter` in a row. */
  recordAttempt(tenantId: string, id: string, outcome: { ok: boolean; status: number | null; error: string | null; final: boolean; attempt?: boolean }, disableAfter: number): Promise<void>;
  deliveries(tenantId: string, endpointId: string, beforeId: string | undefined, limit: number): Promise<Page<WebhookDelivery>>;
}
