CREATE INDEX "orders_tenant_warehouse_idx" ON "orders" USING btree ("tenant_id","warehouse_id","id");--> statement-breakpoint
CREATE INDEX "orders_tenant_mode_idx" ON "orders" USING btree ("tenant_id",("decision"->>'mode'),"id");--> statement-breakpoint
CREATE INDEX "orders_tenant_carrier_idx" ON "orders" USING btree ("tenant_id",("decision"->'chosen'->>'carrier'),"id");--> statement-breakpoint
CREATE INDEX "orders_tenant_ext_lower_idx" ON "orders" USING btree ("tenant_id",lower("external_id") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_search_gin" ON "orders" USING gin (to_tsvector('simple', coalesce(ship_to->>'name', '') || ' ' || coalesce(ship_to->>'company', '') || ' ' || coalesce(ship_to->>'email', '')));--> statement-breakpoint
CREATE INDEX "orders_tenant_postal_idx" ON "orders" USING btree ("tenant_id",("ship_to"->>'postal_code'));