// applyPolicy on the hand-built sample report: overrides, rules turned off, ignores, suppressions with
// and without expiry (the date is an argument), budgets against benchmarks, and what the exit code and
// the verdict make of the result.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPolicy, packageName } from '../../src/policy/apply-policy.js';
import type { PolicyConfig } from '../../src/policy/config-schema.js';
import { EXIT_FINDINGS, EXIT_OK, exitCodeFor } from '../../src/policy/exit-code.js';
import { judge } from '../../src/policy/verdict.js';
import { countsAsPerCall, type Benchmark, type Finding, type Report } from '../../src/model/report.js';
import { crossPackage, initEnvRead, perCallSyncFs, sampleReport, tsSourceFinding } from '../report/sample-report.js';

const TODAY = '2025-06-15';
const at = (f: Finding): string => `${f.ruleId}@${f.file}:${f.line}`;
const ids = (r: Report): string[] => r.findings.map(at);

function withBench(report: Report, overheads: Record<string, number>): Report {
  const benchmarks = Object.entries(overheads).map(([label, ns]): Benchmark => ({
    package: label,
    hook: { id: `h-${label}`, kind: 'wrap', target: `${label}:target` },
    status: 'measured',
    reason: null,
    spansPerCall: 1,
    baselineNsPerCall: 100,
    instrumentedNsPerCall: 100 + ns,
    unsampledNsPerCall: null,
    overheadNsPerSpan: ns,
    marginPct: 1,
    samples: 50,
    opsPerCall: {},
  }));
  return { ...report, benchmarks, reference: { bareSpanNs: 1_300 } };
}

describe('applyPolicy', () => {
  it('leaves findings and summary untouched without a policy (no summary.ignored appears), and only judges', () => {
    const report = sampleReport();
    const out = applyPolicy(report, {}, TODAY);
    assert.deepEqual({ ...out, policy: undefined }, { ...report, policy: undefined });
    assert.equal(out.policy?.failOn, 'none');
    assert.equal(applyPolicy(report, { failOn: 'high' }, TODAY).policy?.failOn, 'high', "the file's failOn when the command line gives none");
    assert.equal(applyPolicy(report, { failOn: 'high' }, TODAY, null, 'low').policy?.failOn, 'low', 'the command line wins');
  });

  it('overrides severity per rule, still lowered for flag-guarded and error-only code', () => {
    const out = applyPolicy(sampleReport(), { rules: { 'sync-fs': { severity: 'low' }, 'version-lookup': { severity: 'high' }, 'env-read': { severity: 'high' } } }, TODAY);
    const sev = (f: Finding): string | undefined => out.findings.find((x) => at(x) === at(f))?.severity;
    assert.equal(sev(perCallSyncFs), 'low');
    assert.equal(sev(tsSourceFinding), 'medium', 'high, one step lower: it runs behind a configuration flag');
    assert.equal(sev(initEnvRead), 'low', 'findings that are not per call keep their severity');
    assert.equal(out.summary.bySeverity.high, 0);
    assert.equal(out.summary.bySeverity.low, 2);
  });

  it('drops the findings of rules turned off, without counting them as ignored', () => {
    const out = applyPolicy(sampleReport(), { rules: { 'sync-fs': { enabled: false } } }, TODAY);
    assert.ok(!ids(out).includes(at(perCallSyncFs)));
    assert.equal(out.summary.findings, sampleReport().findings.length - 1);
    assert.equal(out.summary.ignored, 0);
  });

  it('ignores by package (name, glob or name@version), rule, and file glob in any spelling of the path', () => {
    const count = (config: PolicyConfig): number | undefined => applyPolicy(sampleReport(), config, TODAY).summary.ignored;
    assert.equal(count({ ignore: [{ package: '@opentelemetry/instrumentation-a' }] }), 3, 'every finding of the package');
    assert.equal(count({ ignore: [{ package: '@opentelemetry/instrumentation-*' }] }), 3);
    assert.equal(count({ ignore: [{ package: '@opentelemetry/instrumentation-a@9.9.9' }] }), 0, 'a pinned version that is not installed');
    assert.equal(count({ ignore: [{ package: 'instrumentation-a' }] }), 0, 'package names match whole');
    assert.equal(count({ ignore: [{ rule: 'stack-capture' }] }), 2, 'the error-path-only finding too: ignore removes findings, counted or not');
    assert.equal(count({ ignore: [{ file: 'utils.js' }] }), 2, 'a bare name matches in any folder');
    assert.equal(count({ ignore: [{ file: 'build/src/utils.js' }] }), 2, 'relative to the package');
    assert.equal(count({ ignore: [{ file: 'node_modules/@opentelemetry/instrumentation-a/build/**' }] }), 3, 'as the terminal prints it');
    assert.equal(count({ ignore: [{ file: 'src/utils.ts', rule: 'sync-fs' }] }), 1, 'the TypeScript original');
    assert.equal(count({ ignore: [{ rule: 'sync-fs', package: 'pkg-c' }] }), 0, 'every field must match');
    const out = applyPolicy(sampleReport(), { ignore: [{ rule: 'stack-capture' }] }, TODAY);
    assert.ok(!ids(out).includes(at(crossPackage)));
    assert.equal(out.summary.findings, sampleReport().findings.length - 2);
    assert.equal(out.summary.perCall, sampleReport().summary.perCall - 1, 'the error-path-only one was not counted per call');
    assert.ok(!('errorPath' in out.summary));
  });

  it('suppresses matching findings with their reason; they stay in the report and stop failing the run', () => {
    const config: PolicyConfig = { suppressions: [{ rule: 'sync-fs', file: 'build/src/utils.js', line: 12, reason: 'read once per process in practice' }] };
    const before = sampleReport();
    assert.equal(exitCodeFor(before, 'high'), EXIT_FINDINGS);
    const out = applyPolicy(before, config, TODAY);
    const f = out.findings.find((x) => at(x) === at(perCallSyncFs))!;
    assert.equal(f.suppressed, true);
    assert.equal(f.suppressionReason, 'read once per process in practice');
    assert.equal(out.findings.length, before.findings.length);
    assert.equal(exitCodeFor(out, 'high'), EXIT_OK);
    assert.equal(applyPolicy(before, { suppressions: [{ ...config.suppressions![0]!, line: 13 }] }, TODAY).findings.find((x) => at(x) === at(perCallSyncFs))!.suppressed, undefined, 'another line');
    assert.equal(
      applyPolicy(before, { suppressions: [{ file: 'src/utils.ts', line: 10, reason: 'x' }] }, TODAY).findings.find((x) => at(x) === at(perCallSyncFs))!.suppressed,
      true,
      'the original line in the original file',
    );
  });

  it('applies a suppression through its until day, and after it reports the expiry in the policy section', () => {
    const config: PolicyConfig = { suppressions: [{ rule: 'sync-fs', reason: 'fix in #123', until: '2025-06-15' }] };
    const onTheDay = applyPolicy(sampleReport(), config, '2025-06-15');
    assert.equal(onTheDay.findings.find((x) => at(x) === at(perCallSyncFs))!.suppressed, true);
    assert.deepEqual(onTheDay.policy?.expiredSuppressions, []);

    const after = applyPolicy(sampleReport(), config, '2025-06-16', 'otel-audit.config.json');
    assert.equal(after.findings.find((x) => at(x) === at(perCallSyncFs))!.suppressed, undefined);
    const expired = after.policy?.expiredSuppressions ?? [];
    assert.equal(expired.length, 1);
    assert.equal(after.policy?.source, 'otel-audit.config.json');
    assert.deepEqual([expired[0]!.index, expired[0]!.until, expired[0]!.covered], [0, '2025-06-15', 1]);
    assert.match(expired[0]!.message, /suppressions\[0\].*2025-06-15.*1 finding no longer suppressed/);
    assert.equal(after.summary.errors, sampleReport().summary.errors, 'a policy notice is not an error of the run');
    assert.equal(exitCodeFor(after, 'high'), EXIT_FINDINGS, 'the finding counts again');
  });

  it('checks budgets against the worst measured hook; a package budget replaces the overall one', () => {
    const report = withBench(sampleReport(), { '@opentelemetry/instrumentation-a@1.0.0': 15_200, 'pkg-c@2.0.0': 800 });
    const over = (config: PolicyConfig): string[] => (applyPolicy(report, config, TODAY).policy?.overBudget ?? []).map((e) => e.package);
    assert.deepEqual(over({ maxOverheadNsPerSpan: 1_000 }), ['@opentelemetry/instrumentation-a@1.0.0']);
    assert.deepEqual(over({ maxOverheadNsPerSpan: 500 }), ['@opentelemetry/instrumentation-a@1.0.0', 'pkg-c@2.0.0']);
    assert.deepEqual(over({ maxOverheadNsPerSpan: 1_000, packages: { '@opentelemetry/instrumentation-a': { maxOverheadNsPerSpan: 20_000 } } }), []);
    assert.deepEqual(over({ packages: { 'pkg-c': { maxOverheadNsPerSpan: 700 } } }), ['pkg-c@2.0.0']);
    assert.deepEqual(over({ maxOverheadNsPerSpan: 1 }).length, 2);
    const [e] = applyPolicy(report, { maxOverheadNsPerSpan: 5_000 }, TODAY).policy?.overBudget ?? [];
    assert.deepEqual([e!.overheadNsPerSpan, e!.budgetNs, e!.setting], [15_200, 5_000, 'maxOverheadNsPerSpan']);
    assert.equal(e!.message, '15.2 µs overhead per span (@opentelemetry/instrumentation-a@1.0.0:target) exceeds the budget of 5 µs (maxOverheadNsPerSpan)');
  });

  it('a budget exceeded fails the run and the verdict, whatever --fail-on says; without benchmarks it is not checked', () => {
    const clean = { ...sampleReport(), findings: [initEnvRead] };
    const judged = applyPolicy(withBench(clean, { 'pkg-c@2.0.0': 9_000 }), { maxOverheadNsPerSpan: 5_000 }, TODAY);
    assert.equal(exitCodeFor(judged, 'none'), EXIT_FINDINGS);
    assert.equal(judged.policy?.verdict, 'fail');
    const unmeasured = applyPolicy(clean, { maxOverheadNsPerSpan: 5_000 }, TODAY);
    assert.equal(exitCodeFor(unmeasured, 'none'), EXIT_OK);
    assert.equal(unmeasured.policy?.verdict, 'pass');
  });

  it('is pure: the input report is not changed', () => {
    const report = sampleReport();
    const copy = structuredClone(report);
    applyPolicy(report, { rules: { 'sync-fs': { severity: 'info' } }, ignore: [{ rule: 'env-read' }], suppressions: [{ rule: 'os-query', reason: 'x', until: '2000-01-01' }] }, TODAY);
    assert.deepEqual(report, copy);
  });
});

describe('judge', () => {
  it('fail at or above the threshold, warn below it, pass without per-call findings', () => {
    const verdict = (r: ReturnType<typeof sampleReport>, failOn: 'high' | 'none' | 'info'): string => judge(r, failOn, null, [], []).verdict;
    assert.equal(verdict(sampleReport(), 'high'), 'fail');
    assert.equal(verdict(sampleReport(), 'none'), 'warn');
    assert.equal(verdict({ ...sampleReport(), findings: [initEnvRead] }, 'info'), 'pass');
  });

  it('counts the failing and warning findings by severity, and applyPolicy judges against the failOn it is given', () => {
    const judged = applyPolicy(sampleReport(), {}, TODAY, null, 'medium');
    assert.equal(judged.policy?.failOn, 'medium');
    const live = sampleReport().findings.filter((f) => countsAsPerCall(f) && f.suppressed !== true);
    const sum = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);
    assert.equal(sum(judged.policy.failing) + sum(judged.policy.warning), live.length);
    assert.equal(sum(judged.policy.failing), live.filter((f) => f.severity === 'high' || f.severity === 'medium').length);
  });
});

describe('package names', () => {
  it('drop the version, keep the scope (policy globs: test/util/glob.test.ts)', () => {
    assert.equal(packageName('@scope/name@1.2.3'), '@scope/name');
    assert.equal(packageName('name@1.2.3'), 'name');
    assert.equal(packageName('@scope/name'), '@scope/name');
  });
});
