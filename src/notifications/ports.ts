export interface OutgoingMessage {
  /** The notification's id (a retried delivery carries the same one). */
  id: string;
  to: string | null;
  subject: string;
  text: string;
  language: string;
  kind: string;
  shipment_id: string;
  tracking_number: string;
}

/** Sends a customer notification: log (record only), webhook, SMTP. */
export interface Notifier {
  readonly channel: 'log' | 'webhook' | 'smtp';
  send(m: OutgoingMessage): Promise<void>;
}
