// Writes the JSON Schemas the package ships (schema/report.json, schema/config.json) from the one
// schema of each shape: the report's zod schema (src/model) and the policy file's JSON Schema
// (src/policy/config-schema.ts). Part of the build (npm run build, prepare, test), not committed:
// config.json lists the registry's rule ids, and a new rule should change audits/ only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema, reportJsonSchema } from './json-schemas.js';

const SCHEMA_DIR = new URL('../../../schema/', import.meta.url);

mkdirSync(SCHEMA_DIR, { recursive: true });
for (const [name, schema] of [
  ['report.json', reportJsonSchema()],
  ['config.json', configJsonSchema()],
] as const) {
  const file = fileURLToPath(new URL(name, SCHEMA_DIR));
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
}
