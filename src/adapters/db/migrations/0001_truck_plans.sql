CREATE TABLE "truck_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"date" text NOT NULL,
	"job_id" text,
	"request" jsonb NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "fleet" jsonb DEFAULT '{"vehicle_types":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "truck_plans" ADD CONSTRAINT "truck_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "truck_plans" ADD CONSTRAINT "truck_plans_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "truck_plans_tenant_idx" ON "truck_plans" USING btree ("tenant_id","id");