ALTER TABLE "orders" ALTER COLUMN "delivery_preference" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "truck_plan" jsonb;