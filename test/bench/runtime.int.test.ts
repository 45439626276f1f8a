// Runtime truth end to end on the fixture packages of test/fixtures/runtime/ (scan --bench through the
// library's audit()): block coverage gives every finding its evidence, every scanned hook is accounted
// for, hooks are driven to their span start with what their code reads, and a hook that still starts
// none says what stopped it. Statuses, counts and evidence only — never timings.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit } from '../../src/api/audit.js';
import { measuredOverhead } from '../../src/model/benchmark.js';
import type { Benchmark, Finding, Report } from '../../src/model/report.js';

const FIXTURES = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures/runtime');
const NAMES = ['twin-unmemoised', 'twin-memoised', 'computed-call', 'three-hooks', 'drive-to-span', 'version-branch', 'handler-factory'];

function entry(report: Report, pkg: string, member: string): Benchmark {
  const found = report.benchmarks!.find((b) => b.package === pkg && b.hook !== null && b.hook.target.endsWith(member));
  assert.ok(found, `no bench entry for ${pkg} ${member}`);
  return found;
}

function findingOf(report: Report, pkg: string): Finding {
  const found = report.findings.find((f) => f.package === pkg);
  assert.ok(found, `no finding in ${pkg}`);
  return found;
}

describe('runtime truth on the fixture packages', () => {
  let report: Report;
  before(async () => {
    const r = await audit(
      NAMES.map((n) => path.join(FIXTURES, n)),
      { policy: null, failOn: 'high', bench: { timeMs: 20, history: null, caseTimeoutMs: 20_000 } },
    );
    assert.ok(r.report);
    report = r.report;
  });

  it('the unmemoised twin: per call by the call graph and by the coverage (evidence both), one read per call', () => {
    const f = findingOf(report, 'fixture-runtime-twin@1.0.0');
    assert.deepEqual([f.ruleId, f.frequency, f.evidence, f.runtime?.perCall, f.runtime?.hookRan, f.confirmed], ['version-lookup', 'per-call', 'both', 1, true, true]);
    assert.equal(entry(report, 'fixture-runtime-twin@1.0.0', 'query').opsPerCall['fs.readFileSync'], 1);
  });

  it('the memoised twin: per call by the call graph, its block never ran (static-not-seen), not counted', () => {
    const f = findingOf(report, 'fixture-runtime-twin@1.1.0');
    assert.deepEqual([f.ruleId, f.frequency, f.evidence, f.runtime?.perCall, f.runtime?.hookRan, f.counted], ['version-lookup', 'per-call', 'static-not-seen', 0, true, false]);
    assert.equal(entry(report, 'fixture-runtime-twin@1.1.0', 'query').opsPerCall['fs.readFileSync'], undefined);
  });

  it('a read behind a computed property call: unknown to the call graph, per call at run time (evidence runtime)', async () => {
    // a case whose figures came out untrusted (its CPU time against the parent's, off on a very busy
    // machine) is not covered, by design, and a coverage child can time out there: no run-time evidence
    // either way. Measure that package again then (at most three runs)
    const uncovered = (r: Report): boolean => entry(r, 'fixture-runtime-computed@1.0.0', 'query').coverage === undefined;
    let r = report;
    for (let attempt = 0; uncovered(r) && attempt < 3; attempt++) {
      const again = await audit([path.join(FIXTURES, 'computed-call')], { policy: null, failOn: 'high', bench: { timeMs: 20, history: null, caseTimeoutMs: 20_000 } });
      assert.ok(again.report);
      r = again.report;
    }
    const b = entry(r, 'fixture-runtime-computed@1.0.0', 'query');
    const f = findingOf(r, 'fixture-runtime-computed@1.0.0');
    assert.ok(b.coverage, `no coverage for the case: ${b.status}${b.untrusted !== undefined ? ', untrusted' : ''} ${b.reason ?? ''}`);
    assert.deepEqual(
      [f.ruleId, f.frequency, f.severity, f.evidence, f.line, f.hook?.target],
      ['version-lookup', 'per-call', 'high', 'runtime', 11, 'not-installed-computed-db:Client.prototype.query'],
    );
    assert.equal(f.runtime?.perCall, 1);
  });

  it('three scanned hooks, one out of reach: every one has an entry, the summary counts the scanned hooks', () => {
    const pkg = report.packages.find((p) => p.name === 'fixture-runtime-three-hooks')!;
    assert.equal(pkg.hooks.length, 3);
    const entries = report.benchmarks!.filter((b) => b.package === 'fixture-runtime-three-hooks@1.0.0');
    for (const h of pkg.hooks)
      assert.ok(
        entries.some((b) => b.scanHook === h.id),
        `${h.id} has no entry`,
      );
    const acquire = entry(report, 'fixture-runtime-three-hooks@1.0.0', 'acquire');
    assert.equal(acquire.status, 'failed');
    assert.match(acquire.reason ?? '', /^not reached at run time/);
    assert.deepEqual(
      ['command', 'commandAsync'].map((m) => entry(report, 'fixture-runtime-three-hooks@1.0.0', `.${m}`).status),
      ['measured', 'measured'],
    );
    const h = report.benchSummary!.hooks!;
    assert.equal(
      h.total,
      report.packages.reduce((n, p) => n + p.hooks.length, 0),
    );
    assert.equal(h.total, h.measured + h.skipped + h.failed);
    assert.ok(h.failed >= 1);
  });

  it('bench entries = scan hooks, for every package: each scanned hook has an entry, each entry of a hook stands for a scanned one', () => {
    for (const p of report.packages) {
      const label = `${p.name}@${p.version}`;
      const entries = report.benchmarks!.filter((b) => b.package === label && b.hook !== null);
      assert.deepEqual([...new Set(entries.map((b) => b.scanHook))].sort(), p.hooks.map((h) => h.id).sort(), label);
    }
  });

  it('drives hooks to their span start with what they read before it; says what stopped the one it could not', () => {
    const pkg = 'fixture-runtime-drive@1.0.0';
    const command = entry(report, pkg, 'command');
    assert.equal(command.spansPerCall, 1);
    assert.deepEqual(
      command.spanPath?.drive.filter((n) => n.is === 'falsy').map((n) => n.path.join('.')),
      ['ismaster', 'hello'],
    );
    const emit = entry(report, pkg, 'emit');
    assert.equal(emit.spansPerCall, 1);
    // the event name it checks, and a third argument (the response it calls `.on` on, read through its rest parameter)
    assert.deepEqual(emit.spanPath?.drive, [
      { of: 'arg', index: 0, path: [], is: 'equal', value: 'request' },
      { of: 'arg', index: 2, path: [], is: 'truthy' },
    ]);
    assert.equal(entry(report, pkg, 'get').spansPerCall, 1);
    // it throws on the plain call (a declared parameter missing): the drive that gives it one is tried before it fails
    const multi = entry(report, pkg, 'multi');
    assert.deepEqual([multi.status, multi.spansPerCall, multi.spanPath?.drive], ['measured', 1, [{ of: 'arg', index: 2, path: [], is: 'truthy' }]]);
    const send = entry(report, pkg, 'send');
    assert.equal(send.status, 'measured');
    assert.equal(send.spansPerCall, 0);
    assert.equal(send.spanPath?.reached, false);
    assert.match(send.spanPath?.condition ?? '', /request instanceof PrivateRequest/);
    assert.deepEqual(send.spanPath?.stoppedAt, { file: 'index.js', line: 59 });
    // two conditions on the way: block coverage names the second, the one whose way on never ran
    const batch = entry(report, pkg, 'batch');
    assert.deepEqual([batch.status, batch.spansPerCall, batch.spanPath?.stoppedAt], ['measured', 0, { file: 'index.js', line: 73 }]);
    // measured, no span: its per-call figure stays, out of per-span rankings and budgets
    assert.equal(typeof send.overheadNsPerSpan, 'number');
    assert.equal(measuredOverhead(send), null);
    assert.ok(report.benchSummary!.hooks!.noSpan >= 1);
  });

  it('measures a member only one branch of a version test in the patch wraps, patched with a version that takes it', () => {
    const pkg = 'fixture-runtime-version-branch@1.0.0';
    const update = entry(report, pkg, 'Model.prototype.updateOne');
    assert.deepEqual([update.status, update.spansPerCall, update.patched?.module], ['measured', 1, 'not-installed-versioned-db@3.99.99']);
    // what the default version wraps stays patched with it
    assert.deepEqual([entry(report, pkg, 'Model.prototype.save').spansPerCall, entry(report, pkg, 'Model.prototype.save').patched?.module], [1, 'not-installed-versioned-db@2.3.0']);
  });

  it('measures the handler a wrapped factory returns, for the hook of that factory; the metadata API a polyfill gives is there', () => {
    const pkg = 'fixture-runtime-handler-factory@1.0.0';
    const create = report.benchmarks!.find((b) => b.package === pkg && b.hook?.target.endsWith('.create'));
    const handler = report.benchmarks!.find((b) => b.package === pkg && b.hook?.target.endsWith('.create()'));
    assert.ok(create && handler, 'an entry for create and one for the handler it returns');
    assert.deepEqual([create.status, create.spansPerCall], ['measured', 0]);
    assert.deepEqual([handler.status, handler.spansPerCall, handler.scanHook], ['measured', 1, create.scanHook]);
  });

  it('every measured hook that starts spans was covered, in the sandbox (every child under the permission model where this Node has one); coverage time is reported', () => {
    // untrusted figures (a busy machine) give no run-time evidence by design: those are not covered
    for (const b of report.benchmarks!.filter((x) => x.status === 'measured' && x.untrusted === undefined)) assert.ok(b.coverage, `${b.package} ${b.hook?.target}: no coverage (${b.reason})`);
    const flags = process.allowedNodeEnvironmentFlags;
    assert.equal(report.benchSummary!.sandbox?.permissionModel, flags.has('--permission') || flags.has('--experimental-permission'));
    assert.equal(typeof report.benchSummary!.coverageMs, 'number');
  });
});
