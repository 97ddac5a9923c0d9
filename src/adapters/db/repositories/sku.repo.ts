import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { SkuRepo } from '../../../catalog/ports.js';
import type { Sku, SkuCreate, SkuUpdate } from '../../../catalog/sku.schema.js';
import { dimensionsToMm, gramsTo, mmTo, toGrams, type LengthUnit, type WeightUnit } from '../../../kernel/units.js';
import { toPage } from '../../../kernel/list.js';
import type { Db } from '../database.js';
import { skus } from '../schema.js';

type Row = typeof skus.$inferSelect;

function toSku(r: Row): Sku {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    weight: gramsTo(r.weightG, r.weightUnit as WeightUnit),
    dimensions:
      r.lengthMm != null && r.widthMm != null && r.heightMm != null
        ? mmTo({ lengthMm: r.lengthMm, widthMm: r.widthMm, heightMm: r.heightMm }, (r.dimUnit ?? 'mm') as LengthUnit)
        : null,
    declared_value:
      r.declaredValueAmount != null && r.declaredValueCurrency ? { amount: r.declaredValueAmount, currency: r.declaredValueCurrency } : null,
    hs_code: r.hsCode,
    country_of_origin: r.countryOfOrigin,
    flags: r.flags as Sku['flags'],
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

function toColumns(s: SkuUpdate & { sku?: string }) {
  const c: Partial<typeof skus.$inferInsert> = {};
  if (s.sku !== undefined) c.sku = s.sku;
  if (s.name !== undefined) c.name = s.name;
  if (s.weight !== undefined) {
    c.weightG = toGrams(s.weight);
    c.weightUnit = s.weight.unit;
  }
  if (s.dimensions !== undefined) {
    const mm = s.dimensions && dimensionsToMm(s.dimensions);
    c.lengthMm = mm?.lengthMm ?? null;
    c.widthMm = mm?.widthMm ?? null;
    c.heightMm = mm?.heightMm ?? null;
    c.dimUnit = s.dimensions?.unit ?? null;
  }
  if (s.declared_value !== undefined) {
    c.declaredValueAmount = s.declared_value?.amount ?? null;
    c.declaredValueCurrency = s.declared_value?.currency ?? null;
  }
  if (s.hs_code !== undefined) c.hsCode = s.hs_code;
  if (s.country_of_origin !== undefined) c.countryOfOrigin = s.country_of_origin;
  if (s.flags !== undefined) c.flags = s.flags;
  return c;
}

const insertRow = (tenantId: string, id: string, s: SkuCreate) =>
  ({ ...(toColumns(s) as typeof skus.$inferInsert), id, tenantId });

export class DrizzleSkuRepo implements SkuRepo {
  constructor(private readonly db: Db) {}

  async create(tenantId: string, id: string, s: SkuCreate) {
    const [r] = await this.db.insert(skus).values(insertRow(tenantId, id, s)).onConflictDoNothing().returning();
    return r && toSku(r);
  }

  async upsertMany(tenantId: string, rows: { id: string; sku: SkuCreate }[]) {
    if (rows.length === 0) return { created: 0, updated: 0 };
    const ex = (col: string) => sql.raw(`excluded.${col}`);
    const result = await this.db
      .insert(skus)
      .values(rows.map((r) => insertRow(tenantId, r.id, r.sku)))
      .onConflictDoUpdate({
        target: [skus.tenantId, skus.sku],
        set: {
          name: ex('name'), weightG: ex('weight_g'), weightUnit: ex('weight_unit'), lengthMm: ex('length_mm'),
          widthMm: ex('width_mm'), heightMm: ex('height_mm'), dimUnit: ex('dim_unit'),
          declaredValueAmount: ex('declared_value_amount'), declaredValueCurrency: ex('declared_value_currency'),
          hsCode: ex('hs_code'), countryOfOrigin: ex('country_of_origin'), flags: ex('flags'), updatedAt: sql`now()`,
        },
      })
      // xmax = 0 only for rows this statement inserted.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const created = result.filter((r) => r.inserted === true || (r.inserted as unknown) === 't').length;
    return { created, updated: result.length - created };
  }

  async get(tenantId: string, id: string) {
    const [r] = await this.db.select().from(skus).where(and(eq(skus.tenantId, tenantId), eq(skus.id, id)));
    return r && toSku(r);
  }

  async findByCode(tenantId: string, code: string) {
    const [r] = await this.db.select().from(skus).where(and(eq(skus.tenantId, tenantId), eq(skus.sku, code)));
    return r && toSku(r);
  }

  async findByCodes(tenantId: string, codes: string[]) {
    if (codes.length === 0) return [];
    const rows = await this.db.select().from(skus).where(and(eq(skus.tenantId, tenantId), inArray(skus.sku, codes)));
    return rows.map(toSku);
  }

  async list(tenantId: string, afterId: string | undefined, limit: number) {
    const rows = await this.db
      .select()
      .from(skus)
      .where(and(eq(skus.tenantId, tenantId), afterId ? gt(skus.id, afterId) : undefined))
      .orderBy(asc(skus.id))
      .limit(limit + 1);
    return toPage(rows.map(toSku), limit);
  }

  async update(tenantId: string, id: string, patch: SkuUpdate) {
    const [r] = await this.db
      .update(skus)
      .set({ ...toColumns(patch), updatedAt: new Date() })
      .where(and(eq(skus.tenantId, tenantId), eq(skus.id, id)))
      .returning();
    return r && toSku(r);
  }

  async delete(tenantId: string, id: string) {
    const r = await this.db.delete(skus).where(and(eq(skus.tenantId, tenantId), eq(skus.id, id))).returning({ id: skus.id });
    return r.length > 0;
  }
}
