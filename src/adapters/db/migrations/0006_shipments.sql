CREATE TABLE "carrier_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"carrier" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb NOT NULL,
	"secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carrier_serials" (
	"tenant_id" text NOT NULL,
	"key" text NOT NULL,
	"next" bigint NOT NULL,
	CONSTRAINT "carrier_serials_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "manifests" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"carrier" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"ship_date" text NOT NULL,
	"carrier_manifest_id" text NOT NULL,
	"shipment_ids" text[] NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "shipment_events" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"shipment_id" text NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"status" text NOT NULL,
	"carrier" text NOT NULL,
	"service" text NOT NULL,
	"card" text NOT NULL,
	"service_name" text NOT NULL,
	"account_id" text,
	"sample" boolean NOT NULL,
	"reference" text NOT NULL,
	"ship_from" jsonb NOT NULL,
	"ship_to" jsonb NOT NULL,
	"packages" jsonb NOT NULL,
	"tracking_numbers" text[] DEFAULT '{}' NOT NULL,
	"carrier_label_id" text,
	"quoted" jsonb,
	"cost" jsonb,
	"options" jsonb NOT NULL,
	"purchase_key" text,
	"purchase_attempts" integer DEFAULT 0 NOT NULL,
	"last_error" jsonb,
	"error" jsonb,
	"manifest_id" text,
	"batch_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"labeled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tracking_exports" (
	"tenant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"tracking_number" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "tracking_exports_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"carrier" text NOT NULL,
	"service" text NOT NULL,
	"tracking_url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracking_exports_tenant_id_order_id_tracking_number_pk" PRIMARY KEY("tenant_id","order_id","tracking_number")
);
--> statement-breakpoint
ALTER TABLE "carrier_accounts" ADD CONSTRAINT "carrier_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_serials" ADD CONSTRAINT "carrier_serials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifests" ADD CONSTRAINT "manifests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_events" ADD CONSTRAINT "shipment_events_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_exports" ADD CONSTRAINT "tracking_exports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carrier_accounts_tenant_carrier_uq" ON "carrier_accounts" USING btree ("tenant_id","carrier");--> statement-breakpoint
CREATE INDEX "manifests_tenant_idx" ON "manifests" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_ref_idx" ON "outbox" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "shipment_events_shipment_idx" ON "shipment_events" USING btree ("tenant_id","shipment_id","id");--> statement-breakpoint
CREATE INDEX "shipments_tenant_status_idx" ON "shipments" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE INDEX "shipments_tenant_order_idx" ON "shipments" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "shipments_tenant_batch_idx" ON "shipments" USING btree ("tenant_id","batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_live_order_uq" ON "shipments" USING btree ("tenant_id","order_id") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_purchase_key_uq" ON "shipments" USING btree ("purchase_key");--> statement-breakpoint
CREATE INDEX "tracking_exports_seq_idx" ON "tracking_exports" USING btree ("tenant_id","seq");