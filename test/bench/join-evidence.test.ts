// The bench's block coverage joined with the scan, on hand-made reports: a per-call finding whose block
// ran is `both`; one whose hook's function ran without its block is `static-not-seen`, counted only as
// countUnconfirmed says (by default: when the hook started no span); an init finding whose block ran
// per call under a hook becomes per call with `evidence: runtime`; the summary is counted again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { joinBench } from '../../src/bench/run/join-bench.js';
import type { Benchmark, CoverageSite, Finding, Report } from '../../src/model/report.js';
import { isLivePerCall } from '../../src/model/report.js';
import { sampleReport } from '../report/sample-report.js';
import { readPerCall } from './sample-bench.js';

const READ = { file: 'instrumentation-a/build/src/utils.js', line: 12, column: 17 };
const HOOK_START = { file: 'instrumentation-a/build/src/instrumentation.js', line: 40, column: 0 };
const ENV_AT_INIT = { file: 'instrumentation-a/build/src/instrumentation.js', line: 5, column: 3 };

function benched(sites: CoverageSite[], spansPerCall = 1): Report {
  const entry: Benchmark = { ...readPerCall, spansPerCall, scanHook: 'h1', coverage: { calls: 20, sites } };
  return { ...sampleReport(), findings: [], benchmarks: [entry], reference: { bareSpanNs: 1_500 } };
}

const find = (r: Report, rule: string): Finding => r.findings.find((f) => f.ruleId === rule)!;

describe('joinBench with block coverage', () => {
  it('a per-call finding whose block ran per call: evidence both', () => {
    const r = joinBench(
      sampleReport(),
      benched([
        { ...READ, perCall: 1, functionPerCall: 1 },
        { ...HOOK_START, perCall: 1, functionPerCall: 1 },
      ]),
    );
    const f = find(r, 'sync-fs');
    assert.equal(f.evidence, 'both');
    assert.deepEqual(f.runtime, { perCall: 1, reached: true, hookRan: true, spansPerCall: 1, benchHook: 'pg:Client.prototype.query' });
    assert.equal(f.counted, undefined);
  });

  it('the hook ran, the block did not: static-not-seen, not counted when the hook started a span', () => {
    const sites = [
      { ...READ, perCall: 0, functionPerCall: 1 },
      { ...HOOK_START, perCall: 1, functionPerCall: 1 },
    ];
    const withSpan = find(joinBench(sampleReport(), benched(sites, 1)), 'sync-fs');
    assert.equal(withSpan.evidence, 'static-not-seen');
    assert.equal(withSpan.runtime?.hookRan, true);
    assert.equal(withSpan.counted, false);
    assert.equal(isLivePerCall(withSpan), false);
    // an early exit (no span) is no evidence that the operation does not run: counted by default
    const noSpan = find(joinBench(sampleReport(), benched(sites, 0)), 'sync-fs');
    assert.equal(noSpan.evidence, 'static-not-seen');
    assert.equal(noSpan.counted, true);
    assert.equal(isLivePerCall(noSpan), true);
  });

  it("the hook's function did not run: static, with what the bench saw", () => {
    const f = find(joinBench(sampleReport(), benched([{ ...ENV_AT_INIT, perCall: 0, functionPerCall: 0.5 }])), 'sync-fs');
    assert.equal(f.evidence, 'static');
    assert.equal(f.runtime?.hookRan, false);
  });

  it('an init finding whose block ran per call under a hook becomes per call, evidence runtime, with the hook that drove it', () => {
    const r = joinBench(sampleReport(), benched([{ ...ENV_AT_INIT, perCall: 2, functionPerCall: 1 }]));
    const f = find(r, 'env-read');
    assert.equal(f.frequency, 'per-call');
    assert.equal(f.evidence, 'runtime');
    assert.equal(f.severity, 'low');
    assert.deepEqual(f.hook, readPerCall.hook);
    assert.equal(f.runtime?.perCall, 2);
    assert.equal(r.summary.byFrequency['per-call'], sampleReport().summary.byFrequency['per-call'] + 1);
    assert.equal(r.summary.byFrequency.init, 0);
  });

  it('once per call at most, not per call: an init finding that ran once in the measured calls stays init', () => {
    const f = find(joinBench(sampleReport(), benched([{ ...ENV_AT_INIT, perCall: 0.05, functionPerCall: 1 }])), 'env-read');
    assert.equal(f.frequency, 'init');
    assert.equal(f.evidence, undefined);
  });

  it('a bench without coverage leaves the findings as the counters confirm them', () => {
    const plain = { ...benched([]), benchmarks: [readPerCall] };
    const f = find(joinBench(sampleReport(), plain), 'sync-fs');
    assert.equal(f.evidence, undefined);
    assert.equal(f.confirmed, true);
  });
});
