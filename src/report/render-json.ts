// The JSON report: the Report object as it is, with keys in a fixed order — the order of the model's
// schema (src/model) — whatever order the code built them in, so two runs diff cleanly. Keys of
// records (operations) are sorted; keys the schema does not know (the contract is "extend freely")
// follow the known ones, alphabetically.
import { z } from 'zod/v4';
import { reportSchema, type Report } from '../model/report.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema with optional/nullable wrappers removed. */
function bare(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

function ordered(value: unknown, schema: z.ZodType | undefined): unknown {
  const s = schema === undefined ? undefined : bare(schema);
  if (Array.isArray(value)) return value.map((v) => ordered(v, s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  if (s instanceof z.ZodRecord) {
    for (const k of Object.keys(value).sort()) out[k] = ordered(value[k], s.valueType as z.ZodType);
    return out;
  }
  const shape: Record<string, z.ZodType> = s instanceof z.ZodObject ? s.shape : {};
  const known = Object.keys(shape).filter((k) => Object.hasOwn(value, k));
  const extra = Object.keys(value)
    .filter((k) => !Object.hasOwn(shape, k))
    .sort();
  for (const k of [...known, ...extra]) out[k] = ordered(value[k], shape[k]);
  return out;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(ordered(report, reportSchema), null, 2)}\n`;
}
