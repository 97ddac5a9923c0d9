CREATE TABLE "label_documents" (
	"tenant_id" text NOT NULL,
	"shipment_id" text NOT NULL,
	"format" text NOT NULL,
	"data" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "label_documents_tenant_id_shipment_id_format_pk" PRIMARY KEY("tenant_id","shipment_id","format")
);
--> statement-breakpoint
ALTER TABLE "label_documents" ADD CONSTRAINT "label_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_documents" ADD CONSTRAINT "label_documents_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;