// The published JSON Schemas, derived from the one schema of each shape (never written by hand).
import { z } from 'zod/v4';
import { reportSchema } from '../model/report.js';
import { CONFIG_SCHEMA } from '../policy/config-schema.js';

/**
 * The report as a draft-07 JSON Schema. Input mode: every object admits properties it does not list
 * (the contract is "extend freely, never break"), while the listed ones are required with their types.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(reportSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://otel-audit.dev/schema/report.json' };
}

/** The policy file as a draft-07 JSON Schema, for editors (`"$schema": "./node_modules/otel-audit/schema/config.json"`). */
export function configJsonSchema(): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...CONFIG_SCHEMA };
}
