// The harness end to end on the fixture packages (test/fixtures/bench/): child processes, call styles,
// span and operation counts, the auto-mock, failures that must not stop the run. Statuses, counts and
// shapes only — never timings (a tiny --time keeps this quick; the figures are noise at that budget).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyKey } from '../../src/bench/run/bare-span-history.js';
import { bench } from '../../src/bench/run/bench.js';
import { MAX_ATTEMPTS } from '../../src/bench/run/slow-spell.js';
import type { Benchmark, Report } from '../../src/model/report.js';

// compiled to dist/test/bench/: the repository is three levels up
const FIXTURES = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures/bench');
const fixture = (name: string): string => path.join(FIXTURES, name);

function entry(report: Report, pkg: string, target: string | null): Benchmark {
  const found = report.benchmarks!.find((b) => b.package.startsWith(`${pkg}@`) && (b.hook?.target ?? null) === target);
  assert.ok(found, `no bench entry for ${pkg} ${target}`);
  return found;
}

describe('bench harness on fixture packages', () => {
  let report: Report;
  before(async () => {
    const dirs = ['styles', 'sdk-components', 'channel', 'hangs', 'throws-on-load', 'no-instrumentation', 'per-call-read'].map(fixture);
    report = await bench(dirs, { timeMs: 20, caseTimeoutMs: 6_000, probeTimeoutMs: 200, countCalls: 10 });
  });

  it('measures sync, promise and callback hooks to completion, one span per call', () => {
    const styles = [
      ['not-installed-db:Client.prototype.querySync', 'sync'],
      ['not-installed-db:Client.prototype.queryPromise', 'promise'],
      ['not-installed-db:Client.prototype.queryCallback', 'callback'],
    ] as const;
    for (const [target, style] of styles) {
      const b = entry(report, 'bench-fixture-styles', target);
      assert.equal(b.status, 'measured', `${target}: ${b.reason}`);
      assert.equal(b.callStyle, style, target);
      assert.equal(b.spansPerCall, 1, target);
      assert.deepEqual(b.patched, { module: 'not-installed-db@2.0.0', mock: 'auto' });
      for (const k of ['baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall', 'overheadNsPerSpan', 'bareSpanNs'] as const) {
        assert.equal(typeof b[k], 'number', `${target} ${k}`);
      }
      assert.ok((b.samples ?? 0) > 0);
    }
  });

  it('patches file definitions and replacement exports on the auto-mock, and counts their operations', () => {
    const pool = entry(report, 'bench-fixture-styles', 'not-installed-db/lib/pool.js:prototype.acquire');
    assert.equal(pool.status, 'measured', pool.reason ?? '');
    assert.equal(pool.opsPerCall['os.hostname'], 1);
    assert.equal(pool.opsPerCall['process.env'], 1);
    // relative to the root given (here the package folder itself), like findings' files
    assert.equal(pool.opSites!['os.hostname']!.file, 'index.js');
    assert.ok(pool.opSites!['os.hostname']!.line > 0);
    const factory = entry(report, 'bench-fixture-styles', 'not-installed-factory:module.exports');
    assert.equal(factory.status, 'measured', factory.reason ?? '');
    assert.equal(factory.spansPerCall, 1);
  });

  it('counts the per-call package.json read of the classic bug on an installed target', () => {
    const b = entry(report, 'bench-fixture-per-call-read', 'fake-target:Client.prototype.query');
    assert.equal(b.status, 'measured', b.reason ?? '');
    assert.equal(b.opsPerCall['fs.readFileSync'], 1);
    assert.equal(b.opsPerCall['JSON.parse'], 1);
    assert.deepEqual(b.patched, { module: 'fake-target@1.2.0', mock: 'installed-shape' });
  });

  it('benchmarks SDK components by method, one span per call by definition', () => {
    const onStart = entry(report, 'bench-fixture-sdk-components', 'EnvSpanProcessor.onStart');
    assert.equal(onStart.status, 'measured', onStart.reason ?? '');
    assert.equal(onStart.hook?.kind, 'span-processor');
    assert.equal(onStart.spansPerCall, 1);
    assert.equal(onStart.unsampledNsPerCall, null);
    assert.equal(onStart.opsPerCall['process.env'], 1);
    for (const t of ['EnvSpanProcessor.onEnd', 'HeaderPropagator.inject', 'HeaderPropagator.extract']) assert.equal(entry(report, 'bench-fixture-sdk-components', t).status, 'measured', t);
  });

  it('measures diagnostics_channel handlers by publishing', () => {
    const b = entry(report, 'bench-fixture-channel', 'bench-fixture:request');
    assert.equal(b.hook?.kind, 'diagnostics-channel');
    assert.equal(b.status, 'measured', b.reason ?? '');
    assert.equal(b.spansPerCall, 1);
  });

  it('a hook that never returns fails on the per-case timeout; one that never settles fails; the rest is measured', () => {
    const spin = entry(report, 'bench-fixture-hangs', 'not-installed-hang:Client.prototype.spin');
    assert.equal(spin.status, 'failed');
    assert.match(spin.reason ?? '', /timed out/);
    const never = entry(report, 'bench-fixture-hangs', 'not-installed-hang:Client.prototype.never');
    assert.equal(never.status, 'failed');
    assert.match(never.reason ?? '', /did not complete/);
    assert.equal(entry(report, 'bench-fixture-hangs', 'not-installed-hang:Client.prototype.ok').status, 'measured');
  });

  it('a package that throws on load fails with its message; one without instrumentation is skipped with the reason', () => {
    const broken = entry(report, 'bench-fixture-throws-on-load', null);
    assert.equal(broken.status, 'failed');
    assert.match(broken.reason ?? '', /throws on load: bench fixture: this package cannot be loaded/);
    const none = entry(report, 'bench-fixture-no-instrumentation', null);
    assert.equal(none.status, 'skipped');
    assert.match(none.reason ?? '', /^no per-call hooks to measure: /);
  });

  it('the report: every package listed, entries sorted, summary and reference consistent', () => {
    assert.equal(report.findings.length, 0);
    assert.equal(report.benchSummary?.withScan, false);
    const names = new Set(report.benchmarks!.map((b) => b.package.replace(/@[^@]+$/, '')));
    for (const p of report.packages) assert.ok(names.has(p.name), `${p.name} is in the benchmarks`);
    const s = report.benchSummary;
    assert.equal(s.measured + s.skipped + s.failed, report.benchmarks!.length);
    assert.equal(typeof report.reference?.bareSpanNs, 'number');
    // by package; in each, the package-level entries first, then hooks by target
    const order = report.benchmarks!.map((b) => [b.package, b.hook === null ? '' : b.hook.target] as const);
    const sorted = [...order].sort((a, b) => a[0].localeCompare(b[0]) || (a[1] === '' ? -1 : b[1] === '' ? 1 : a[1].localeCompare(b[1])));
    assert.deepEqual(order, sorted);
  });
});

describe('bench --hooks', () => {
  it('keeps only the hooks whose <package>:<target> matches, and the notes of packages it names', async () => {
    const report = await bench([fixture('styles'), fixture('no-instrumentation')], { timeMs: 5, hooks: '*styles:*querySync', caseTimeoutMs: 6_000 });
    assert.deepEqual(
      report.benchmarks!.map((b) => b.hook?.target ?? null),
      ['not-installed-db:Client.prototype.querySync'],
    );
  });
});

describe('bench slow spells and the bare-span history', () => {
  const one = { timeMs: 5, hooks: '*styles:*querySync', caseTimeoutMs: 6_000 };
  it("measures a case again, up to three attempts, while its bare span is above this machine's usual one, and records what it measured", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'otel-audit-history-')), 'h.json');
    // a usual bare span of 1 ns: no real one comes under 1.3 ns, so every attempt counts as slow
    const key = historyKey(Math.max(1, availableParallelism()), one.timeMs);
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, settings: { [key]: [1, 1, 1, 1, 1] } }));
    const report = await bench([fixture('styles')], { ...one, history: file });
    const b = entry(report, 'bench-fixture-styles', 'not-installed-db:Client.prototype.querySync');
    assert.equal(b.status, 'measured');
    assert.equal(b.attempts, MAX_ATTEMPTS);
    assert.equal(report.benchSummary!.remeasured, 1);
    assert.equal(report.reference!.usualBareSpanNs, 1);
    assert.equal(report.reference!.historyProblem, undefined);
    const stored = (JSON.parse(readFileSync(file, 'utf8')) as { settings: Record<string, number[]> }).settings[key]!;
    assert.deepEqual(stored.slice(0, 5), [1, 1, 1, 1, 1]);
    assert.equal(stored.length, 6, "the kept attempt's bare span is appended");
    assert.equal(stored[5], b.bareSpanNs);
  });
  it('says why a broken history was not used, runs without it, and starts it afresh', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'otel-audit-history-')), 'h.json');
    writeFileSync(file, '{ broken');
    const report = await bench([fixture('styles')], { ...one, history: file });
    assert.equal(entry(report, 'bench-fixture-styles', 'not-installed-db:Client.prototype.querySync').status, 'measured');
    assert.equal(report.reference!.historyProblem, `${file}: not valid JSON`);
    assert.equal(report.reference!.usualBareSpanNs, undefined);
    // and replaced by a fresh history holding this run's bare span
    assert.deepEqual(Object.values((JSON.parse(readFileSync(file, 'utf8')) as { settings: Record<string, number[]> }).settings).flat(), [report.reference!.bareSpanNs]);
  });
  it('history: null reads and writes nothing', async () => {
    const report = await bench([fixture('styles')], { ...one, history: null });
    assert.deepEqual(Object.keys(report.reference!), ['bareSpanNs']);
  });
});
