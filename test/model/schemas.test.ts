// The shipped JSON Schemas (schema/*.json) are generated from the one schema of each shape, are up to
// date, and accept what the tool writes: the committed reports and a full policy file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { configJsonSchema, reportJsonSchema } from '../../src/dev/json-schemas.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const read = (rel: string): unknown => JSON.parse(readFileSync(repo + rel, 'utf8'));

function validator(schema: unknown): (v: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  formatsModule.default(ajv, ['date']);
  const validate = ajv.compile(schema as object);
  return (v) => (validate(v) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

describe('shipped JSON Schemas', () => {
  it('are what `npm run schemas` writes (run it after changing src/model or the policy schema)', () => {
    assert.deepEqual(read('schema/report.json'), reportJsonSchema());
    assert.deepEqual(read('schema/config.json'), configJsonSchema());
  });

  it('schema/report.json accepts the committed reports and admits unknown fields; rejects a broken one', () => {
    const check = validator(read('schema/report.json'));
    for (const rel of ['reports/scan.json', 'test/snapshots/tsc-cjs.json', 'test/snapshots/esm.json']) assert.deepEqual(check(read(rel)), [], rel);
    const good = read('test/snapshots/tsc-cjs.json') as { findings: Array<Record<string, unknown>> };
    assert.deepEqual(check({ ...good, extra: 1, findings: good.findings.map((f) => ({ ...f, note: 'x' })) }), []);
    assert.ok(check({ ...good, findings: [{ ...good.findings[0], line: 0 }] }).some((e) => e.startsWith('/findings/0/line')));
  });

  it('schema/config.json accepts a full policy file and refuses an unknown setting', () => {
    const check = validator(read('schema/config.json'));
    const policy = {
      $schema: './node_modules/otel-audit/schema/config.json',
      failOn: 'medium',
      rules: { 'env-read': { severity: 'low' } },
      maxOverheadNsPerSpan: 20_000,
      packages: { '@opentelemetry/instrumentation-http': { maxOverheadNsPerSpan: 50_000 } },
      ignore: [{ package: '@opentelemetry/instrumentation-fs' }],
      suppressions: [{ rule: 'sync-fs', file: 'build/src/utils.js', line: 42, reason: 'dev only', until: '2031-12-31' }],
    };
    assert.deepEqual(check(policy), []);
    assert.ok(check({ ...policy, failon: 'high' }).length > 0);
  });
});
