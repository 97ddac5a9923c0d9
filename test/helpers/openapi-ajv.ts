/**
 * A carrier's published OpenAPI schemas as strict ajv validators: `allOf` merged into one object,
 * then every object closed (additionalProperties: false) so that a misspelt or invented field is
 * an error. Where a definition contradicts the carrier's own examples or descriptions, named
 * errata excuse exactly that rule at that place.
 */
import { Ajv, type ErrorObject } from 'ajv';

type Schema = Record<string, unknown>;

export interface Erratum {
  path: RegExp;
  keyword: string;
  param?: [string, string];
}

/** Objects closed to the fields they name; a required name without a description stays allowed. */
function closed(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(closed);
  if (!s || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, x]) => [p, closed(x)])) : closed(v);
  if (out['properties'] && out['additionalProperties'] === undefined) {
    const props = out['properties'] as Schema;
    for (const r of (out['required'] as string[] | undefined) ?? []) props[r] ??= {};
    out['additionalProperties'] = false;
  }
  return out;
}

/** `allOf` members (references or inline) merged into the schema that holds them, so closing one member does not refuse the others' fields. */
function mergedAllOf(s: unknown, schemas: Schema, depth = 0): unknown {
  if (Array.isArray(s)) return s.map((x) => mergedAllOf(x, schemas, depth));
  if (!s || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) out[k] = k === 'allOf' ? v : mergedAllOf(v, schemas, depth);
  if (Array.isArray(out['allOf']) && depth < 20) {
    const parts = (out['allOf'] as Schema[]).map((p) => {
      const ref = typeof p['$ref'] === 'string' ? (p['$ref'] as string).split('/').pop()! : null;
      return mergedAllOf(ref ? schemas[ref] : p, schemas, depth + 1) as Schema;
    });
    delete out['allOf'];
    for (const p of parts) {
      if (!p) continue;
      out['properties'] = { ...(out['properties'] as Schema | undefined), ...(p['properties'] as Schema | undefined) };
      const req = [...((out['required'] as string[] | undefined) ?? []), ...((p['required'] as string[] | undefined) ?? [])];
      if (req.length) out['required'] = [...new Set(req)];
      out['type'] ??= p['type'];
    }
  }
  return out;
}

/** A validator for one of the document's component schemas: the problems, or [] when the value satisfies it. */
export function componentValidator(components: Schema, name: string, errata: Erratum[] = []): (x: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const merged = Object.fromEntries(Object.entries(components).map(([k, v]) => [k, closed(mergedAllOf(v, components))]));
  ajv.addSchema({ $id: 'carrier', components: { schemas: merged } });
  const v = ajv.getSchema(`carrier#/components/schemas/${name}`);
  if (!v) throw new Error(`no schema ${name}`);
  const excused = (e: ErrorObject) => errata.some((k) => k.keyword === e.keyword && k.path.test(e.instancePath) && (!k.param || (e.params as Record<string, unknown>)[k.param[0]] === k.param[1]));
  return (x) => (v(x) ? [] : (v.errors ?? []).filter((e: ErrorObject) => !excused(e)).map((e: ErrorObject) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}
