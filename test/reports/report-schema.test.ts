// The committed reports/ must keep matching the report contract: CI fails here when reports/scan.json
// no longer validates against the schema (src/report/report-schema.ts), or when README.md and the JSON
// drift apart. Fresh scans of the fixture corpus validate too, so the schema tracks the model.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportSchemaErrors } from '../../src/model/parse-report.js';
import type { Report } from '../../src/model/report.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const read = (rel: string): unknown => JSON.parse(readFileSync(`${REPO}${rel}`, 'utf8'));

describe('report schema', () => {
  it('the committed reports/scan.json validates', () => {
    assert.deepEqual(reportSchemaErrors(read('reports/scan.json')), []);
  });
  it('every fixture snapshot validates', () => {
    for (const f of readdirSync(`${REPO}test/snapshots`).filter((n) => n.endsWith('.json'))) {
      assert.deepEqual(reportSchemaErrors(read(`test/snapshots/${f}`)), [], f);
    }
  });
  it('rejects a broken report, saying where', () => {
    const good = read('test/snapshots/tsc-cjs.json') as Report;
    const { findings: _f, ...noFindings } = good;
    assert.ok(reportSchemaErrors(noFindings).some((e) => e.startsWith('findings:')));
    const badLine = { ...good, findings: [{ ...good.findings[0]!, line: 0 }] };
    assert.ok(reportSchemaErrors(badLine).some((e) => e.startsWith('findings[0].line:')));
    const badSeverity = { ...good, findings: [{ ...good.findings[0]!, severity: 'critical' }] };
    assert.ok(reportSchemaErrors(badSeverity).some((e) => e.startsWith('findings[0].severity:')));
    assert.ok(reportSchemaErrors({ ...good, schemaVersion: 2 }).some((e) => e.startsWith('schemaVersion:')));
  });
  it('admits fields it does not know (the contract is "extend freely")', () => {
    const good = read('test/snapshots/tsc-cjs.json') as Report;
    assert.deepEqual(reportSchemaErrors({ ...good, extra: { anything: true }, findings: good.findings.map((f) => ({ ...f, note: 'x' })) }), []);
  });
});

describe('reports/', () => {
  it('README.md ranks every package of scan.json, and is the rendering of it', async () => {
    const report = read('reports/scan.json') as Report;
    const readme = readFileSync(`${REPO}reports/README.md`, 'utf8');
    // the per-request ranking's rows: the set-up section below it numbers its hooks too
    const ranking = readme.split('## Ranking (per request)')[1]?.split('\n## ')[0] ?? '';
    const rows = ranking.split('\n').filter((l) => /^\| \d+ \| /.test(l));
    assert.equal(rows.length, report.packages.length);
    for (const p of report.packages) assert.ok(readme.includes(`\`${p.name}@${p.version}\``), `${p.name}@${p.version} ranked`);
  });
  it('scan.json is normalised (no durations, no absolute paths)', () => {
    const text = readFileSync(`${REPO}reports/scan.json`, 'utf8');
    const report = JSON.parse(text) as Report & { benchSummary?: { durationMs: number } };
    assert.equal(report.summary.durationMs, 0);
    assert.equal(report.benchSummary?.durationMs ?? 0, 0);
    assert.ok(!text.includes(REPO), 'no absolute path of this checkout');
    assert.equal(report.root, 'node_modules/@opentelemetry');
  });
});
