export interface OutboxRow {
  id: string;
  tenant_id: string;
  kind: string;
  ref_id: string;
  payload: Record<string, unknown>;
  /** Counted when the row is claimed: more than 1 means an earlier attempt may have reached the other side. */
  attempts: number;
  created_at: string;
}

export interface OutboxError {
  code: string;
  message: string;
  at: string;
}

export interface OutboxRepo {
  /** Leases up to `limit` due rows (skipping rows another worker holds) and counts the attempt. */
  claim(limit: number, leaseMs: number): Promise<OutboxRow[]>;
  complete(id: string): Promise<void>;
  retryLater(id: string, delayMs: number, error: OutboxError): Promise<void>;
  fail(id: string, error: OutboxError): Promise<void>;
  /** Rows still to do (for progress and tests). */
  pending(tenantId?: string): Promise<number>;
}
