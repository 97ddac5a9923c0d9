/**
 * A small validator for the JSON Schema subset of Swagger 2.0 / OpenAPI definitions ($ref, type,
 * required, properties, additionalProperties false, enum, items, minLength/maxLength, string
 * formats date-time): enough to check request bodies against a channel's published models.
 */
type Schema = Record<string, unknown>;

export function validateAgainst(spec: { definitions?: Record<string, Schema>; components?: { schemas?: Record<string, Schema> } }, schema: Schema, value: unknown, path = '$'): string[] {
  const defs = spec.definitions ?? spec.components?.schemas ?? {};
  const resolve = (s: Schema): Schema => {
    let cur = s;
    for (let i = 0; i < 20 && typeof cur['$ref'] === 'string'; i++) cur = defs[(cur['$ref'] as string).split('/').pop()!] ?? {};
    return cur;
  };
  const s = resolve(schema);
  const errors: string[] = [];
  const type = s['type'] as string | undefined;
  if (s['enum'] && !(s['enum'] as unknown[]).includes(value)) errors.push(`${path}: not one of ${JSON.stringify(s['enum'])}`);
  if (type === 'object' || s['properties']) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [...errors, `${path}: expected an object`];
    const v = value as Record<string, unknown>;
    for (const r of (s['required'] as string[] | undefined) ?? []) if (v[r] === undefined) errors.push(`${path}.${r}: required`);
    const props = (s['properties'] as Record<string, Schema> | undefined) ?? {};
    for (const [k, val] of Object.entries(v)) {
      if (props[k]) errors.push(...validateAgainst(spec, props[k]!, val, `${path}.${k}`));
      else if (s['additionalProperties'] === false) errors.push(`${path}.${k}: not in the model`);
    }
  } else if (type === 'array') {
    if (!Array.isArray(value)) return [...errors, `${path}: expected an array`];
    value.forEach((x, i) => errors.push(...validateAgainst(spec, (s['items'] as Schema) ?? {}, x, `${path}[${i}]`)));
  } else if (type === 'string') {
    if (typeof value !== 'string') errors.push(`${path}: expected a string`);
    else {
      if (s['format'] === 'date-time' && Number.isNaN(Date.parse(value))) errors.push(`${path}: not a date-time`);
      if (typeof s['minLength'] === 'number' && value.length < (s['minLength'] as number)) errors.push(`${path}: too short`);
      if (typeof s['maxLength'] === 'number' && value.length > (s['maxLength'] as number)) errors.push(`${path}: too long`);
    }
  } else if (type === 'integer') {
    if (!Number.isInteger(value)) errors.push(`${path}: expected an integer`);
  } else if (type === 'number') {
    if (typeof value !== 'number') errors.push(`${path}: expected a number`);
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') errors.push(`${path}: expected a boolean`);
  }
  return errors;
}
