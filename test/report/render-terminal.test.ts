import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, PolicyOutcome, Report } from '../../src/model/report.js';
import { renderTerminal } from '../../src/report/render-terminal.js';
import { crossPackage, errorPathOnly, initEnvRead, perCallSyncFs, sampleReport, suppressedPerCall, tsSourceFinding } from './sample-report.js';
import { matchSnapshot } from '../helpers/snapshot.js';

const ANSI = /\x1b\[[0-9;]*m/;
const lines = (text: string): string[] => text.split('\n');
const indexOf = (text: string, needle: string): number => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `expected output to contain ${JSON.stringify(needle)}`);
  return i;
};

describe('renderTerminal', () => {
  const text = renderTerminal(sampleReport());

  it('prints a per-call finding with rule, severity, cwd-relative location and original TS location', () => {
    const head = lines(text).find((l) => l.includes('instrumentation-a/build/src/utils.js:12:17'));
    assert.ok(head, 'finding headline');
    assert.match(head, /\bhigh\b/);
    assert.match(head, /\bsync-fs\b/);
    assert.ok(head.includes('node_modules/@opentelemetry/instrumentation-a/build/src/utils.js:12:17'), 'location joined with its root');
    assert.ok(head.includes('node_modules/@opentelemetry/instrumentation-a/src/utils.ts:10'), 'original location');
  });

  it('shows the hook and the call path as an ordered chain ending at the operation', () => {
    const hook = indexOf(text, 'wrap pg:Client.prototype.query');
    const step1 = indexOf(text, 'patchedQuery (build/src/instrumentation.js:40)');
    const step2 = indexOf(text, 'getVersion (build/src/utils.js:12) [src/utils.ts:10]');
    const op = text.indexOf('→ fs.readFileSync', step2);
    assert.ok(hook < step1 && step1 < step2 && step2 < op, 'hook → steps → operation');
    // the chain is indented below the finding's headline
    const stepLine = lines(text).find((l) => l.includes('patchedQuery'))!;
    assert.match(stepLine, /^\s{4,}→ /);
  });

  it('groups by package in report order, per-call findings only by default', () => {
    const a = indexOf(text, '@opentelemetry/instrumentation-a@1.0.0');
    const c = indexOf(text, 'pkg-c@2.0.0');
    const dep = indexOf(text, 'helper-dep@3.1.4');
    assert.ok(a < c && c < dep, 'scanned packages first, then code reached across packages');
    assert.ok(text.includes('packages/c/src/index.ts:7:20'), 'second root joined');
    assert.ok(text.includes('reached from @opentelemetry/instrumentation-a@1.0.0'));
    assert.ok(text.includes('conditional'), 'tag for conditional findings');
    assert.ok(!text.includes(`${errorPathOnly.file}:${errorPathOnly.line}:`), 'error-path-only finding hidden without --all');
    assert.ok(!text.includes(`${initEnvRead.file}:${initEnvRead.line}:`), 'init finding hidden without --all');
    assert.ok(!text.includes(`:${suppressedPerCall.line}:${suppressedPerCall.column}`), 'suppressed finding hidden without --all');
  });

  it('--all adds the other findings in a separate section after the per-call ones', () => {
    const all = renderTerminal(sampleReport(), { all: true });
    const lastPerCall = indexOf(all, `${crossPackage.file}:${crossPackage.line}:${crossPackage.column}`);
    const init = indexOf(all, `${initEnvRead.file}:${initEnvRead.line}:${initEnvRead.column}`);
    const suppressed = indexOf(all, `:${suppressedPerCall.line}:${suppressedPerCall.column}`);
    assert.ok(lastPerCall < init && lastPerCall < suppressed);
    const initLine = lines(all).find((l) => l.includes(`${initEnvRead.file}:${initEnvRead.line}`))!;
    assert.ok(initLine.includes('init') && initLine.includes('env-read'));
    const errorLine = lines(all).find((l) => l.includes(`${errorPathOnly.file}:${errorPathOnly.line}:`))!;
    assert.ok(errorLine.includes('error path'), 'the error-path-only finding is tagged');
    assert.ok(indexOf(all, `${errorPathOnly.file}:${errorPathOnly.line}:`) > lastPerCall, 'after the counted per-call findings');
  });

  it('collapses packages without per-call findings into one line', () => {
    const clean = lines(text).filter((l) => l.includes('@opentelemetry/instrumentation-b@1.2.0'));
    assert.equal(clean.length, 1);
    assert.ok(!clean[0]!.includes('pkg-c@2.0.0'), 'a package with findings is not listed as clean');
    assert.equal(lines(renderTerminal(sampleReport(), { quiet: true })).filter((l) => l.includes('instrumentation-b@')).length, 0, '--quiet drops the line');
  });

  it('lists every error with its kind, package and file', () => {
    const line = lines(text).find((l) => l.includes('broken/package.json'));
    assert.ok(line);
    assert.ok(line.includes('package-json') && line.includes('broken@?'));
    assert.ok(indexOf(text, 'broken/package.json') > indexOf(text, 'helper-dep@3.1.4'), 'errors after the findings');
  });

  it('ends with one summary line: packages, files, hooks, findings by severity, per-call, time', () => {
    const last = lines(text.trimEnd()).at(-1)!;
    for (const part of ['3 packages', '4 files', '2 hooks', '1 high', '2 medium', '1 low', '2 info', '3 per-call', '1 on error paths only', '1.53 s']) {
      assert.ok(last.includes(part), `summary has ${part}: ${last}`);
    }
    assert.ok(text.endsWith('\n'));
  });

  it('the summary line says how many findings the policy suppressed and ignored', () => {
    const last = lines(text.trimEnd()).at(-1)!;
    assert.ok(last.includes(' · 1 suppressed · '), last);
    assert.ok(!last.includes('ignored'), 'nothing ignored, nothing said');
    const ignored = sampleReport();
    ignored.summary.ignored = 4;
    assert.ok(lines(renderTerminal(ignored).trimEnd()).at(-1)!.includes(' · 4 ignored (policy) · '));
  });

  it('is deterministic, uncoloured by default and coloured on request', () => {
    assert.equal(renderTerminal(sampleReport()), text);
    assert.doesNotMatch(text, ANSI);
    const coloured = renderTerminal(sampleReport(), { color: true, all: true });
    assert.match(coloured, ANSI);
    assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), renderTerminal(sampleReport(), { all: true }));
  });

  it('says so when nothing was found to scan', () => {
    const empty = { ...sampleReport(), packages: [], findings: [], errors: [] };
    const out = renderTerminal(empty);
    assert.ok(out.includes('node_modules/@opentelemetry'), 'names the roots');
    assert.ok(!out.includes(tsSourceFinding.file));
  });
});

describe('renderTerminal: what the policy file did', () => {
  // three suppressions with their reasons (one covering two findings, one of them not per call), an
  // expired suppression and an exceeded budget, beside an ordinary scan error
  const policyReport = (): Report => {
    const report = sampleReport();
    const cached = 'cached by the OS after the first read';
    const findings: Finding[] = [
      perCallSyncFs,
      { ...suppressedPerCall, suppressionReason: 'hostname is read once per connection, not per query' },
      { ...perCallSyncFs, line: 50, column: 5, suppressed: true, suppressionReason: cached },
      { ...initEnvRead, suppressed: true, suppressionReason: cached },
      { ...tsSourceFinding, suppressed: true },
      crossPackage,
    ];
    const policy: PolicyOutcome = {
      source: 'otel-audit.config.json',
      failOn: 'none',
      verdict: 'fail',
      failing: { high: 0, medium: 0, low: 0, info: 0 },
      warning: { high: 1, medium: 0, low: 0, info: 0 },
      expiredSuppressions: [
        {
          index: 3,
          until: '2024-01-31',
          reason: 'until the shimmer fix ships',
          covered: 1,
          message: 'suppressions[3] (rule stack-capture) expired after 2024-01-31: 1 finding no longer suppressed ("until the shimmer fix ships")',
        },
      ],
      overBudget: [
        {
          package: '@opentelemetry/instrumentation-a@1.0.0',
          hook: 'pg:Client.prototype.query',
          overheadNsPerSpan: 52_000,
          budgetNs: 20_000,
          setting: 'maxOverheadNsPerSpan',
          message: '52.0 µs overhead per span (wrap pg:Client.prototype.query) exceeds the budget of 20.0 µs (maxOverheadNsPerSpan)',
        },
      ],
    };
    return { ...report, findings, policy, summary: { ...report.summary, findings: findings.length, ignored: 2 } };
  };

  it('groups the suppressed findings by their reason, most first, with rules, per-call count and packages', () => {
    const text = renderTerminal(policyReport());
    const block = text.slice(indexOf(text, 'Suppressed by the policy file (4 findings): '));
    const rows = lines(block).slice(1, 4);
    assert.match(rows[0]!, /^ {2}2 × "cached by the OS after the first read" {2}env-read, sync-fs · 1 per-call · @opentelemetry\/instrumentation-a@1\.0\.0$/);
    assert.match(rows[1]!, /^ {2}1 × "\(no reason recorded\)" {2}version-lookup · 1 per-call · pkg-c@2\.0\.0$/);
    assert.match(rows[2]!, /^ {2}1 × "hostname is read once per connection, not per query" {2}os-query · 1 per-call/);
    assert.match(lines(block)[0]!, /3 per-call, not counted for --fail-on; --all lists them/);
    assert.ok(!renderTerminal(policyReport(), { all: true }).includes('--all lists them'), 'with --all they are listed already');
  });

  it('flags expired suppressions and exceeded budgets apart from the scan errors, and names them in the summary line', () => {
    const text = renderTerminal(policyReport());
    const expired = lines(text).findIndex((l) => l.startsWith('Expired suppressions (1): '));
    assert.ok(expired > 0);
    assert.match(lines(text)[expired + 1]!, /^ {2}! otel-audit\.config\.json {2}suppressions\[3\] \(rule stack-capture\) expired after 2024-01-31/);
    assert.match(text, /\nOver budget \(1 package\): .*\n {2}✗ @opentelemetry\/instrumentation-a@1\.0\.0 {2}52\.0 µs overhead per span/);
    assert.match(text, /\nErrors \(1\): skipped, not analysed\n {2}package-json/);
    assert.ok(indexOf(text, 'Suppressed by') < indexOf(text, 'Expired suppressions') && indexOf(text, 'Over budget') < indexOf(text, 'Errors (1)'));
    const last = lines(text.trimEnd()).at(-1)!;
    assert.ok(last.includes(' · 4 suppressed · 2 ignored (policy) · 1 expired suppression · 1 over budget · 1 error · '), last);
  });

  it('says nothing about a policy that did nothing', () => {
    const text = renderTerminal({ ...sampleReport(), findings: [perCallSyncFs] });
    for (const title of ['Suppressed by', 'Expired suppressions', 'Over budget']) assert.ok(!text.includes(title), title);
  });

  it('snapshot', async () => {
    matchSnapshot('test/report/__snapshots__/render-terminal-policy.txt', renderTerminal(policyReport()));
  });
});
