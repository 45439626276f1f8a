// The Markdown PR comment: snapshots of hand-built reports (pass, warn, fail, with benchmarks and
// policy notices, summarised), and the size guarantee on a report far too big for one comment.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { audits } from '../../audits/index.js';
import { judge } from '../../src/policy/verdict.js';
import type { Benchmark, FailOn, Finding, PackageReport, Report } from '../../src/model/report.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/report/render-markdown.js';
import { perCallSyncFs, sampleReport, suppressedPerCall } from './sample-report.js';
import { matchSnapshot } from '../helpers/snapshot.js';

function bench(pkg: string, target: string, overheadNsPerSpan: number | null, status: Benchmark['status'] = 'measured'): Benchmark {
  return {
    package: pkg,
    hook: { id: target, kind: 'wrap', target },
    status,
    reason: status === 'measured' ? null : 'no target module',
    spansPerCall: 1,
    baselineNsPerCall: 100,
    instrumentedNsPerCall: overheadNsPerSpan === null ? null : 100 + overheadNsPerSpan,
    unsampledNsPerCall: null,
    overheadNsPerSpan,
    marginPct: 2,
    samples: 80,
    opsPerCall: {},
  };
}

/** the sample report after a policy and a bench run: overheads, a budget exceeded, an expired suppression */
function benchedReport(): Report {
  const r = sampleReport();
  return {
    ...r,
    findings: r.findings.map((f) => (f.suppressed === true ? { ...f, suppressionReason: 'os.hostname() is <cached> by libuv' } : f)),
    summary: { ...r.summary, ignored: 2 },
    reference: { bareSpanNs: 1_300 },
    benchmarks: [
      bench('@opentelemetry/instrumentation-a@1.0.0', 'pg:Client.prototype.query', 15_200),
      bench('@opentelemetry/instrumentation-a@1.0.0', 'pg:Client.prototype.connect', 900),
      bench('@opentelemetry/instrumentation-b@1.2.0', 'x:y', null, 'skipped'),
      bench('pkg-c@2.0.0', 'CProcessor.onStart', 420),
    ],
  };
}

/** the report as the policy leaves it: judged against `failOn`, with `benchedReport`'s notices when asked */
function judged(r: Report, failOn: FailOn, notices = false): Report {
  const expired = notices
    ? [{ index: 1, until: '2024-01-31', reason: 'legacy', covered: 1, message: 'suppressions[1] (rule env-read) expired after 2024-01-31: 1 finding no longer suppressed ("legacy")' }]
    : [];
  const over = notices
    ? [
        {
          package: '@opentelemetry/instrumentation-a@1.0.0',
          hook: 'pg:Client.prototype.query',
          overheadNsPerSpan: 15_200,
          budgetNs: 5_000,
          setting: 'maxOverheadNsPerSpan',
          message: '15.2 µs overhead per span (pg:Client.prototype.query) exceeds the budget of 5 µs (maxOverheadNsPerSpan)',
        },
      ]
    : [];
  return { ...r, policy: judge(r, failOn, notices ? 'otel-audit.config.json' : null, over, expired) };
}

function cleanReport(): Report {
  const r = sampleReport();
  const findings = r.findings.filter((f) => f.frequency !== 'per-call');
  return { ...r, findings, errors: [], summary: { ...r.summary, findings: findings.length, perCall: 0, errors: 0 } };
}

describe('renderMarkdown snapshots', () => {
  it('fail: per-call findings at or above --fail-on, with call paths and fixes', async () => {
    const text = renderMarkdown(judged(sampleReport(), 'medium'), { rules: audits });
    assert.match(text, /^## ❌ otel-audit: fail\n/);
    matchSnapshot('test/report/__snapshots__/fail.md', text);
  });

  it('warn: per-call findings, none at or above the threshold', async () => {
    const text = renderMarkdown(judged(sampleReport(), 'none'), { rules: audits });
    assert.match(text, /^## ⚠️ otel-audit: warn\n/);
    matchSnapshot('test/report/__snapshots__/warn.md', text);
  });

  it('pass: no per-call findings', async () => {
    const text = renderMarkdown(judged(cleanReport(), 'info'), { rules: audits });
    assert.match(text, /^## ✅ otel-audit: pass\n/);
    assert.ok(!text.includes('<details>'), 'nothing to detail');
    matchSnapshot('test/report/__snapshots__/pass.md', text);
  });

  it('benchmarks and policy: overhead and × bare span columns, budget and expiry on top, suppressed listed', async () => {
    const text = renderMarkdown(judged(benchedReport(), 'high', true), { rules: audits });
    assert.match(text, /^## ❌ otel-audit: fail\n/);
    assert.ok(text.includes('| overhead / span | × bare span |'));
    assert.ok(text.includes('| 15.2 µs | 12× |'), 'worst hook of the package, as a multiple of the bare span');
    assert.ok(text.includes('os.hostname() is &lt;cached&gt; by libuv'), 'suppression reason, escaped');
    matchSnapshot('test/report/__snapshots__/bench-policy.md', text);
  });

  it('summarised: says what it left out', async () => {
    const text = renderMarkdown(judged(benchedReport(), 'high', true), { rules: audits, limit: 2_600 });
    assert.ok(text.length <= 2_600, `${text.length} characters`);
    assert.match(text, /Summarised to stay under GitHub's 65,536-character comment limit: call paths and fixes of \d+ packages? left out/);
    matchSnapshot('test/report/__snapshots__/summarised.md', text);
  });
});

describe('renderMarkdown', () => {
  it('without benchmarks has no overhead columns; with overheads but no reference, no × column', () => {
    assert.ok(!renderMarkdown(sampleReport()).includes('overhead / span'));
    const noRef = renderMarkdown({ ...benchedReport(), reference: null });
    assert.ok(noRef.includes('overhead / span') && !noRef.includes('× bare span'));
  });

  it('escapes markup in text that comes from the code', () => {
    const f: Finding = { ...perCallSyncFs, callPath: [{ function: 'a|b', file: 'x_y*.js', line: 1 }], operation: 'require(<pkg>/package.json)' };
    const text = renderMarkdown({ ...sampleReport(), findings: [f] });
    assert.ok(text.includes('`a|b` (x\\_y\\*.js:1)'));
    assert.ok(text.includes('`require(<pkg>/package.json)`'), 'inside code spans, left as is');
  });

  it('is deterministic', () => {
    assert.equal(renderMarkdown(benchedReport(), { rules: audits }), renderMarkdown(benchedReport(), { rules: audits }));
  });
});

describe('renderMarkdown on a huge report', () => {
  /** `packages` instrumentations, each with `perPackage` per-call findings behind long call paths */
  function huge(packages: number, perPackage: number, clean: number): Report {
    const base = sampleReport();
    const pkgs: PackageReport[] = [];
    const findings: Finding[] = [];
    for (let i = 0; i < packages + clean; i++) {
      const name = `@opentelemetry/instrumentation-number-${String(i).padStart(5, '0')}`;
      pkgs.push({ name, version: '0.50.0', root: 0, dir: name.slice(15), files: [], entry: 'entry-points', hooks: [] });
      if (i >= packages) continue;
      for (let k = 0; k < perPackage; k++) {
        findings.push({
          ...perCallSyncFs,
          package: `${name}@0.50.0`,
          file: `${name.slice(15)}/build/src/utils.js`,
          line: k + 1,
          callPath: Array.from({ length: 6 }, (_, s) => ({ function: `someRatherLongFunctionName${s}`, file: `${name.slice(15)}/build/src/module-${s}.js`, line: s + 10 })),
        });
      }
    }
    return { ...base, packages: pkgs, findings: [...findings, suppressedPerCall], summary: { ...base.summary, packages: pkgs.length, findings: findings.length + 1 } };
  }

  it('folds a long list of clean packages into one collapsed list, keeping the table to what needs a look', () => {
    const text = renderMarkdown(huge(1, 1, 12));
    assert.match(text, /<summary>1\d packages without per-call findings<\/summary>/);
    assert.equal(text.split('\n').filter((l) => l.startsWith('| `')).length, 1, 'one row: the package with a finding');
  });

  it('stays under the comment limit by dropping details first', () => {
    const text = renderMarkdown(judged(huge(60, 20, 500), 'high'), { rules: audits });
    assert.ok(text.length < GITHUB_COMMENT_LIMIT, `${text.length} characters`);
    assert.match(text, /^## ❌ otel-audit: fail/);
    assert.match(text, /call paths and fixes of \d+ packages left out/);
    assert.ok(text.includes('<details>'), 'the details that fit are kept');
    assert.ok(text.includes('instrumentation-number-00059@0.50.0'), 'every package with findings still has its table row');
  });

  it('then collapses clean packages into a count, then cuts table rows, and still says why', () => {
    const text = renderMarkdown(judged(huge(3_000, 2, 5_000), 'high'), { rules: audits });
    assert.ok(text.length < GITHUB_COMMENT_LIMIT, `${text.length} characters`);
    assert.match(text, /50\d\d packages without per-call findings counted, not listed/);
    assert.match(text, /packages with findings left out of the table/);
    assert.match(text, /… and \d+ more packages with findings, not listed\. 50\d\d other packages: no per-call findings\./);
    assert.ok(text.trimEnd().endsWith('</sub>'), 'the footer survives');
  });
});
