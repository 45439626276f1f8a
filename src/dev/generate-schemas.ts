// Writes the JSON Schemas the package ships (schema/report.json, schema/config.json) from the one
// schema of each shape: the report's zod schema (src/model) and the policy file's JSON Schema
// (src/policy/config-schema.ts). `npm run schemas`; test/model/schemas.test.ts fails when they are stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema, reportJsonSchema } from './json-schemas.js';

const SCHEMA_DIR = new URL('../../../schema/', import.meta.url);

for (const [name, schema] of [['report.json', reportJsonSchema()], ['config.json', configJsonSchema()]] as const) {
  const file = fileURLToPath(new URL(name, SCHEMA_DIR));
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
}
