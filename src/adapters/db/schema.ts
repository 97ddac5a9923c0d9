import { sql } from 'drizzle-orm';
import {
  bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  currency: text('currency').notNull().default('USD'),
  timeZone: text('time_zone'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mode: text('mode').notNull(),
    // First characters of the secret, safe to show so people can tell keys apart.
    displayPrefix: text('display_prefix').notNull(),
    // SHA-256 of the secret; secrets are high-entropy random strings, so a fast hash is enough.
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_tenant_idx').on(t.tenantId)],
);

/** People who sign in to the dashboard; one account per e-mail, in one tenant. */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    email: text('email').notNull(),
    name: text('name'),
    role: text('role').notNull(),
    /** invited (no password yet), active, disabled. */
    status: text('status').notNull(),
    /** argon2id (PHC string); null until an invitation is accepted. */
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('en'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    passwordChangedAt: ts('password_changed_at'),
    lastLoginAt: ts('last_login_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email), index('users_tenant_idx').on(t.tenantId)],
);

/** Server-side sessions of signed-in users: the cookie carries a random token, stored hashed. */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('user_sessions_token_uq').on(t.tokenHash), index('user_sessions_user_idx').on(t.userId)],
);

/** One-time links: invitations and password resets, stored hashed, with an expiry. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    kind: text('kind').notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('user_tokens_hash_uq').on(t.tokenHash), index('user_tokens_user_idx').on(t.userId)],
);

export const warehouses = pgTable(
  'warehouses',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: jsonb('address').notNull(),
    timezone: text('timezone').notNull(),
    operatingDays: text('operating_days').array().notNull(),
    pickupCutoffs: jsonb('pickup_cutoffs').notNull(),
    hasDock: boolean('has_dock').notNull(),
    hasLiftgate: boolean('has_liftgate').notNull(),
    fleet: jsonb('fleet').notNull().default({ vehicle_types: [] }),
    boxes: jsonb('boxes').notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('warehouses_tenant_code_uq').on(t.tenantId, t.code)],
);

export const skus = pgTable(
  'skus',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    weightG: doublePrecision('weight_g').notNull(),
    weightUnit: text('weight_unit').notNull(),
    lengthMm: doublePrecision('length_mm'),
    widthMm: doublePrecision('width_mm'),
    heightMm: doublePrecision('height_mm'),
    dimUnit: text('dim_unit'),
    declaredValueAmount: bigint('declared_value_amount', { mode: 'number' }),
    declaredValueCurrency: text('declared_value_currency'),
    hsCode: text('hs_code'),
    countryOfOrigin: text('country_of_origin'),
    flags: text('flags').array().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('skus_tenant_sku_uq').on(t.tenantId, t.sku)],
);

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    warehouseId: text('warehouse_id').references(() => warehouses.id),
    status: text('status').notNull(),
    customerType: text('customer_type').notNull(),
    shipTo: jsonb('ship_to').notNull(),
    /** Validation of ship_to (AddressCheck); null for orders stored before address validation. */
    addressCheck: jsonb('address_check'),
    /** The delivery decision with its explanation (routing); null until decided. */
    decision: jsonb('decision'),
    lines: jsonb('lines').notNull(),
    orderValueAmount: bigint('order_value_amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    codAmount: bigint('cod_amount', { mode: 'number' }),
    serviceLevel: text('service_level').notNull(),
    /** null: the customer stated no preference. */
    deliveryPreference: jsonb('delivery_preference'),
    /** The truck plan, truck and stop that deliver the order (set when a plan is solved). */
    truckPlan: jsonb('truck_plan'),
    tags: text('tags').array().notNull(),
    notes: text('notes'),
    sourceRef: text('source_ref').notNull(),
    placedAt: ts('placed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('orders_tenant_channel_ext_uq').on(t.tenantId, t.channel, t.externalId),
    index('orders_tenant_id_idx').on(t.tenantId, t.id),
    index('orders_tenant_status_idx').on(t.tenantId, t.status, t.id),
    index('orders_tags_gin').using('gin', t.tags),
    // The order queue's filters (GET /v1/orders), newest first within each.
    index('orders_tenant_warehouse_idx').on(t.tenantId, t.warehouseId, t.id),
    index('orders_tenant_mode_idx').on(t.tenantId, sql`(${t.decision}->>'mode')`, t.id),
    index('orders_tenant_carrier_idx').on(t.tenantId, sql`(${t.decision}->'chosen'->>'carrier')`, t.id),
    // Search (q): order number from its start in any case, words of the name, company and e-mail, the postal code.
    index('orders_tenant_ext_lower_idx').on(t.tenantId, sql`lower(${t.externalId}) text_pattern_ops`),
    index('orders_search_gin').using('gin', sql`${ORDER_SEARCH_VECTOR}`),
    index('orders_tenant_postal_idx').on(t.tenantId, sql`(${t.shipTo}->>'postal_code')`),
  ],
);

/** The words the order queue's search box finds an order by (the expression of its GIN index). */
export const ORDER_SEARCH_VECTOR = sql.raw(`to_tsvector('simple', coalesce(ship_to->>'name', '') || ' ' || coalesce(ship_to->>'company', '') || ' ' || coalesce(ship_to->>'email', ''))`);

/** Audit trail of every change to an order. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    orderId: text('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    actor: text('actor'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.tenantId, t.orderId, t.id)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    state: text('state').notNull(),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    params: jsonb('params').notNull(),
    result: jsonb('result'),
    error: jsonb('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_tenant_idx').on(t.tenantId, t.id)],
);

export const truckPlans = pgTable(
  'truck_plans',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    warehouseId: text('warehouse_id').notNull().references(() => warehouses.id),
    date: text('date').notNull(),
    jobId: text('job_id'),
    request: jsonb('request').notNull(),
    result: jsonb('result'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('truck_plans_tenant_idx').on(t.tenantId, t.id)],
);

/** A tenant's rate cards, one row per version (effective date). */
export const rateCards = pgTable(
  'rate_cards',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    carrier: text('carrier').notNull(),
    service: text('service').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    card: jsonb('card').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rate_cards_version_uq').on(t.tenantId, t.code, t.effectiveFrom)],
);

/**
 * A counter per tenant bumped after every change to its rate cards or zone charts: each process
 * compares it (one primary-key read) with the version its compiled cards were read at.
 */
export const ratingVersions = pgTable('rating_versions', {
  tenantId: text('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/** Zone charts: one row per chart family (usps or a carrier table), origin ZIP3 and version. */
export const zoneCharts = pgTable(
  'zone_charts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    origin: text('origin').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    chart: jsonb('chart').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('zone_charts_version_uq').on(t.tenantId, t.code, t.origin, t.effectiveFrom)],
);

/** A tenant's dated exchange rates: 1 unit of `base` = `rate` units of `quote`. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    date: text('date').notNull(),
    rate: text('rate').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.base, t.quote, t.date] })],
);

/** A tenant's routing rules and policy (one document). */
export const routingConfigs = pgTable('routing_configs', {
  tenantId: text('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  config: jsonb('config').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Pickup points and lockers a tenant can deliver to. */
export const pickupPoints = pgTable(
  'pickup_points',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    point: jsonb('point').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** How a tenant buys labels from a carrier; `secret` is encrypted (kernel/secret-box). */
export const carrierAccounts = pgTable(
  'carrier_accounts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    carrier: text('carrier').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    settings: jsonb('settings').notNull(),
    secret: text('secret'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('carrier_accounts_tenant_carrier_uq').on(t.tenantId, t.carrier)],
);

/** Serial counters for numbers lastmile issues itself (per account, or per carrier for samples). */
export const carrierSerials = pgTable(
  'carrier_serials',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    next: bigint('next', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

export const shipments = pgTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    warehouseId: text('warehouse_id').notNull(),
    status: text('status').notNull(),
    carrier: text('carrier').notNull(),
    service: text('service').notNull(),
    card: text('card').notNull(),
    serviceName: text('service_name').notNull(),
    accountId: text('account_id'),
    sample: boolean('sample').notNull(),
    reference: text('reference').notNull(),
    shipFrom: jsonb('ship_from').notNull(),
    shipTo: jsonb('ship_to').notNull(),
    packages: jsonb('packages').notNull(),
    trackingNumbers: text('tracking_numbers').array().notNull().default([]),
    carrierLabelId: text('carrier_label_id'),
    quoted: jsonb('quoted'),
    cost: jsonb('cost'),
    options: jsonb('options').notNull(),
    purchaseKey: text('purchase_key'),
    purchaseAttempts: integer('purchase_attempts').notNull().default(0),
    lastError: jsonb('last_error'),
    error: jsonb('error'),
    manifestId: text('manifest_id'),
    batchId: text('batch_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    labeledAt: ts('labeled_at'),
    /** The tracking summary: status, sub-status, last scan, estimated delivery, proof (tracking/). */
    tracking: jsonb('tracking'),
  },
  (t) => [
    index('shipments_tenant_status_idx').on(t.tenantId, t.status, t.id),
    index('shipments_tenant_order_idx').on(t.tenantId, t.orderId),
    index('shipments_tenant_batch_idx').on(t.tenantId, t.batchId),
    // One live shipment per order: a second purchase for the same order is refused.
    uniqueIndex('shipments_live_order_uq').on(t.tenantId, t.orderId).where(sql`status <> 'cancelled'`),
    uniqueIndex('shipments_purchase_key_uq').on(t.purchaseKey),
  ],
);

export const shipmentEvents = pgTable(
  'shipment_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    shipmentId: text('shipment_id').notNull().references(() => shipments.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    actor: text('actor'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('shipment_events_shipment_idx').on(t.tenantId, t.shipmentId, t.id)],
);

/**
 * The transactional outbox: work on another system (buy a label, write tracking back to a
 * channel) is recorded in the same transaction as the state change that asks for it, then
 * carried out by a worker with retries. `lease_until` keeps two workers off one row.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    refId: text('ref_id').notNull(),
    payload: jsonb('payload').notNull(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    leaseUntil: ts('lease_until'),
    lastError: jsonb('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    doneAt: ts('done_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.state, t.nextAttemptAt), index('outbox_ref_idx').on(t.tenantId, t.refId)],
);

export const manifests = pgTable(
  'manifests',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    carrier: text('carrier').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    shipDate: text('ship_date').notNull(),
    carrierManifestId: text('carrier_manifest_id').notNull(),
    shipmentIds: text('shipment_ids').array().notNull(),
    summary: jsonb('summary').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('manifests_tenant_idx').on(t.tenantId, t.id)],
);

/** The CSV channel's write-back: one row per tracking number sent back for an order. */
export const trackingExports = pgTable(
  'tracking_exports',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    carrier: text('carrier').notNull(),
    service: text('service').notNull(),
    trackingUrl: text('tracking_url').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.orderId, t.trackingNumber] }), index('tracking_exports_seq_idx').on(t.tenantId, t.seq)],
);

/** Tracking number -> shipment (a label's numbers), for matching carrier events. */
export const parcels = pgTable(
  'parcels',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    trackingNumber: text('tracking_number').notNull(),
    shipmentId: text('shipment_id').notNull().references(() => shipments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.trackingNumber] }), index('parcels_tracking_number_idx').on(t.trackingNumber)],
);

/** The label a carrier drew itself (its own barcodes and routing codes), per format, as the carrier sent it. */
export const labelDocuments = pgTable(
  'label_documents',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    shipmentId: text('shipment_id').notNull().references(() => shipments.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    /** Base64 of the document: a page (or ZPL label) per package, in package order. */
    data: text('data').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.shipmentId, t.format] })],
);

/** Carrier scans, deduplicated; a parcel's status is computed from all of them. */
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign key to tenants: the shipment's cascades, and one less check per event.
    tenantId: text('tenant_id').notNull(),
    shipmentId: text('shipment_id').notNull().references(() => shipments.id, { onDelete: 'cascade' }),
    trackingNumber: text('tracking_number').notNull(),
    carrier: text('carrier').notNull(),
    code: text('code').notNull(),
    description: text('description').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    location: text('location'),
    status: text('status'),
    subStatus: text('sub_status'),
    known: boolean('known').notNull(),
    proof: jsonb('proof'),
    source: text('source').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tracking_events_dedupe_uq').on(t.tenantId, t.dedupeKey), index('tracking_events_shipment_idx').on(t.shipmentId, t.occurredAt)],
);

/** Exception cases opened by the tracking rules. */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    shipmentId: text('shipment_id').notNull().references(() => shipments.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    rule: text('rule').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull(),
    owner: text('owner'),
    evidence: jsonb('evidence').notNull(),
    actions: jsonb('actions').notNull().default([]),
    openedAt: ts('opened_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    index('cases_tenant_state_idx').on(t.tenantId, t.state, t.id),
    // One case per shipment and rule until it is resolved.
    uniqueIndex('cases_open_uq').on(t.tenantId, t.shipmentId, t.rule).where(sql`state <> 'resolved'`),
  ],
);

/** A tenant's tracking rules (defaults when none saved). */
export const trackingConfigs = pgTable('tracking_configs', {
  tenantId: text('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  config: jsonb('config').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Where a tenant's systems receive lastmile's events (signed, retried, disabled after 20 failures in a row). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    events: text('events').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: ts('disabled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId)],
);

/** Every delivery attempt's outcome: the delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [index('webhook_deliveries_endpoint_idx').on(t.tenantId, t.endpointId, t.id)],
);

/** Customer notifications sent (or failed), with what they said. */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    shipmentId: text('shipment_id').notNull().references(() => shipments.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    language: text('language').notNull(),
    channel: text('channel').notNull(),
    recipient: text('recipient'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    state: text('state').notNull(),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [uniqueIndex('notifications_once_uq').on(t.tenantId, t.shipmentId, t.kind), index('notifications_tenant_idx').on(t.tenantId, t.id)],
);

/** A tenant's connection to a sales channel (credentials sealed; the pull cursor saved). */
export const channelConnections = pgTable(
  'channel_connections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    baseUrl: text('base_url').notNull(),
    credentials: text('credentials').notNull(),
    settings: jsonb('settings').notNull().default({}),
    cursor: text('cursor'),
    lastSyncAt: ts('last_sync_at'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('channel_connections_name_uq').on(t.tenantId, t.name)],
);

/** What lastmile keeps of a channel order: the ids write-back needs, and the version last applied. */
export const channelOrders = pgTable(
  'channel_orders',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id').notNull().references(() => channelConnections.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    orderId: text('order_id').notNull(),
    refs: jsonb('refs').notNull(),
    channelUpdatedAt: text('channel_updated_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.connectionId, t.externalId] }), index('channel_orders_order_idx').on(t.tenantId, t.orderId)],
);

export const schema = { channelConnections, channelOrders, webhookEndpoints, webhookDeliveries, notifications, parcels, trackingEvents, cases, trackingConfigs, carrierAccounts, carrierSerials, shipments, shipmentEvents, outbox, manifests, trackingExports, truckPlans, tenants, apiKeys, warehouses, skus, orders, orderEvents, idempotencyKeys, jobs, rateCards, zoneCharts, exchangeRates, routingConfigs, pickupPoints };
