// The fidelity scenarios in a bench run (src/bench/scenario-cases.ts, measure-scenario.ts): which
// packages get one, what is skipped when a scenario's packages are missing, and a real scenario measured
// end to end — statuses, span counts and shapes, never timings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench } from '../../src/bench/run/bench.js';
import { addedOps } from '../../src/bench/child/measure-scenario.js';
import { scenarioCases } from '../../src/bench/run/scenario-cases.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const HTTP = path.join(REPO, 'node_modules/@opentelemetry/instrumentation-http');

describe('scenario cases', () => {
  it('a package without a scenario gets none', () => {
    assert.deepEqual(scenarioCases({ name: '@opentelemetry/instrumentation-pg', dir: path.join(REPO, 'node_modules/@opentelemetry/instrumentation-pg') }), { cases: [], skipped: [] });
  });
  it('a package with one gets a case when what the scenario loads is installed beside it', () => {
    const plan = scenarioCases({ name: '@opentelemetry/instrumentation-http', dir: HTTP });
    assert.deepEqual(plan.skipped, []);
    assert.deepEqual(
      plan.cases.map((c) => [c.kind, c.target]),
      [['scenario', 'http']],
    );
    assert.match(plan.cases[0]!.description, /keep-alive/);
  });
  it('names what is missing when it is not', () => {
    const plan = scenarioCases({ name: '@opentelemetry/instrumentation-openai', dir: mkdtempSync(path.join(os.tmpdir(), 'otel-audit-scenario-')) });
    assert.deepEqual(plan.cases, []);
    assert.deepEqual(
      plan.skipped.map((s) => [s.spec.target, s.reason]),
      [['openai-otel', 'scenario needs @opentelemetry/instrumentation-openai and openai, not installed where the package is']],
    );
  });
});

describe('operations a scenario adds', () => {
  it('are those the hooked call ran beyond the plain one, with the hooked sites', () => {
    const site = { file: '/x/instr.js', line: 3 };
    const hooked = { opsPerCall: { 'JSON.parse': 1.05, 'process.env': 2.2, 'fs.readFileSync': 1 }, opSites: { 'JSON.parse': site, 'process.env': site, 'fs.readFileSync': site } };
    const plain = { opsPerCall: { 'JSON.parse': 1.05, 'process.env': 0.2 }, opSites: { 'JSON.parse': { file: '/x/client.js', line: 9 } } };
    assert.deepEqual(addedOps(hooked, plain), { opsPerCall: { 'process.env': 2, 'fs.readFileSync': 1 }, opSites: { 'process.env': site, 'fs.readFileSync': site } });
  });
});

describe('bench runs a scenario', () => {
  it('measures the real http client and server through instrumentation-http: two spans per request, awaited, with its remark', async () => {
    const report = await bench([HTTP], { timeMs: 20, hooks: '*:http', history: null, caseTimeoutMs: 30_000 });
    const entries = report.benchmarks!.filter((b) => b.hook !== null);
    assert.deepEqual(
      entries.map((b) => [b.hook!.id, b.hook!.kind, b.status]),
      [['scenario:http', 'scenario', 'measured']],
    );
    const b = entries[0]!;
    assert.equal(b.spansPerCall, 2);
    assert.equal(b.callStyle, 'promise');
    assert.match(b.reason ?? '', /^scenario \(real target\): GET over a keep-alive agent.*; timed for 500 ms a variant \(a scenario gets at least 500\)/);
    for (const k of ['baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall', 'bareSpanNs'] as const) assert.ok((b[k] ?? 0) > 0, k);
    assert.equal(b.patched, undefined);
  });
});
