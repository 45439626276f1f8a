// diffReports on pairs of reports with added, removed, moved and noisy entries; asserted by rule,
// operation and verdict, never by message text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareBenchmarks, verdictFor } from '../../src/diff/compare-benchmarks.js';
import { diffExitCode } from '../../src/diff/diff-exit-code.js';
import { diffReports } from '../../src/diff/diff-reports.js';
import type { Report } from '../../src/model/report.js';
import { hasHook } from '../../src/model/benchmark.js';
import { ReportInputError, toReport } from '../../src/model/parse-report.js';
import { bench, bumped, find, fixtureReport, shifted, withBenchmarks } from './diff-fixtures.js';

const ops = (list: { finding: { ruleId: string; operation: string } }[]): string[] => list.map((c) => `${c.finding.ruleId} ${c.finding.operation}`);

describe('diffReports: findings', () => {
  const base = fixtureReport();

  it('identical reports: everything unchanged, nothing moved, exit 0', () => {
    const d = diffReports(base, fixtureReport());
    assert.equal(d.summary.new + d.summary.fixed, 0);
    assert.equal(d.summary.unchanged, base.findings.length);
    assert.equal(d.summary.moved, 0);
    assert.equal(diffExitCode(d, 'info'), 0);
  });

  it('a line shift and a version bump are neither new nor fixed, but moved', () => {
    const head = bumped(shifted(base, 12), '1.4.1');
    const d = diffReports(base, head);
    assert.deepEqual([d.summary.new, d.summary.fixed], [0, 0]);
    const inUtils = base.findings.filter((f) => f.file === 'build/src/utils.js').length;
    assert.equal(d.summary.moved, inUtils);
    assert.deepEqual(d.packages, [{ name: 'fixture-tsc-cjs', base: '1.4.0', head: '1.4.1' }]);
    assert.equal(diffExitCode(d, 'info'), 0);
  });

  it('added and removed findings are new and fixed; only new ones at the threshold fail', () => {
    const lookup = find(base, 'version-lookup', 'require.resolve');
    const cwd = find(base, 'os-query', 'process.cwd');
    const head: Report = { ...base, findings: [...base.findings.filter((f) => f !== lookup), { ...cwd, ruleId: 'env-read', operation: 'process.env', severity: 'medium', line: 99 }] };
    const d = diffReports(base, head);
    assert.deepEqual(ops(d.findings.fixed), ['version-lookup require.resolve']);
    assert.deepEqual(ops(d.findings.new), ['env-read process.env']);
    assert.equal(d.summary.newPerCall, 1);
    assert.equal(diffExitCode(d, 'high'), 0, 'a new medium does not fail --fail-on high');
    assert.equal(diffExitCode(d, 'medium'), 1);
    assert.equal(diffExitCode(d, 'none'), 0);
  });

  it('duplicates pair by count: three of a kind becoming two is one fixed', () => {
    const f = find(base, 'child-process', 'child_process.execSync');
    const three: Report = { ...base, findings: [f, { ...f, line: f.line + 1 }, { ...f, line: f.line + 2 }] };
    const two: Report = {
      ...base,
      findings: [
        { ...f, line: f.line + 1 },
        { ...f, line: f.line + 2 },
      ],
    };
    const d = diffReports(three, two);
    assert.equal(d.summary.fixed, 1);
    assert.equal(d.findings.fixed[0]!.finding.line, f.line, 'the one no longer at its place is the fixed one');
    assert.equal(d.summary.moved, 0, 'exact places pair first');
  });

  it('is deterministic whatever the input order', () => {
    const reversed = { ...base, findings: [...base.findings].reverse() };
    assert.deepEqual(diffReports(base, shifted(base, 3)), diffReports(reversed, shifted(reversed, 3)));
  });
});

describe('diffReports: benchmarks', () => {
  const base = withBenchmarks(fixtureReport(), [
    bench({ target: 'a:regressed', overhead: 1000, instrumented: 1100 }),
    bench({ target: 'b:noisy', overhead: 200, instrumented: 10_000, margin: 3 }),
    bench({ target: 'c:steady', overhead: 1000 }),
    bench({ target: 'd:faster', overhead: 2000 }),
    bench({ target: 'f:removed', overhead: 500 }),
    bench({ target: 'g:failed-now', overhead: 800 }),
  ]);
  const head = withBenchmarks(fixtureReport(), [
    bench({ target: 'a:regressed', overhead: 1500, instrumented: 1600 }),
    bench({ target: 'b:noisy', overhead: 240, instrumented: 10_040, margin: 3 }),
    bench({ target: 'c:steady', overhead: 1050 }),
    bench({ target: 'd:faster', overhead: 1000 }),
    bench({ target: 'e:added', overhead: 300 }),
    bench({ target: 'g:failed-now', overhead: null, status: 'failed' }),
  ]);

  it('gives each hook a verdict that accounts for noise', () => {
    const d = diffReports(base, head);
    const verdicts = Object.fromEntries(d.benchmarks!.map((b) => [b.hook.target, b.verdict]));
    assert.deepEqual(verdicts, {
      'a:regressed': 'regression',
      'b:noisy': 'noise', // +20%, but the margins are ±300 ns each on a 10 µs call
      'c:steady': 'unchanged', // +5% < 10%
      'd:faster': 'improvement',
      'e:added': 'added',
      'f:removed': 'removed',
      'g:failed-now': 'not-comparable',
    });
    assert.equal(d.summary.regressions, 1);
    assert.equal(d.summary.improvements, 1);
    assert.equal(diffExitCode(d, 'none'), 1, 'a regression fails whatever --fail-on');
  });

  it('the threshold is configurable', () => {
    const d = diffReports(base, head, { thresholdPct: 60 });
    assert.equal(d.summary.regressions, 0);
    assert.equal(d.benchmarks!.find((b) => b.hook.target === 'a:regressed')!.verdict, 'unchanged');
  });

  it('is null when either side has no benchmarks', () => {
    assert.equal(diffReports(fixtureReport(), head).benchmarks, null);
    assert.equal(diffReports(base, fixtureReport()).summary.regressions, 0);
  });

  it('verdictFor needs both the threshold and the noise to be exceeded', () => {
    assert.equal(verdictFor(150, 1000, 40, 10), 'regression');
    assert.equal(verdictFor(150, 1000, 200, 10), 'noise');
    assert.equal(verdictFor(90, 1000, 0, 10), 'unchanged');
    assert.equal(verdictFor(-500, 1000, 40, 10), 'improvement');
    assert.equal(verdictFor(100, 0, 10, 10), 'regression', 'from zero, any change beyond noise counts');
  });

  it('never sees malformed benchmark entries: the report is parsed at the boundary, naming where it is wrong', () => {
    const odd: unknown = { ...fixtureReport(), benchmarks: [null, { package: 'x@1' }, bench({ target: 'ok:hook', overhead: 5 })] };
    assert.throws(
      () => toReport(odd, 'head.json'),
      (e: Error) => e instanceof ReportInputError && /^head\.json: benchmarks\[0\]/.test(e.message),
    );
    const good = toReport({ ...fixtureReport(), benchmarks: [bench({ target: 'ok:hook', overhead: 5 })] }, 'head.json');
    const hooks = (good.benchmarks ?? []).filter(hasHook);
    assert.equal(compareBenchmarks(hooks, hooks)[0]!.verdict, 'unchanged');
  });
});
