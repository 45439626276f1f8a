// countUnconfirmed: per-call findings the bench did not see run (static-not-seen) count in --fail-on
// and verdicts as the policy says — by default only when their hook started no span.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPolicy } from '../../src/policy/apply-policy.js';
import { exitCodeFor } from '../../src/policy/exit-code.js';
import { withCounted, type Finding, type Report } from '../../src/model/report.js';
import { perCallSyncFs, sampleReport } from '../report/sample-report.js';

const TODAY = '2026-12-07';

function unseen(spansPerCall: number): Report {
  const f: Finding = withCounted(
    { ...perCallSyncFs, evidence: 'static-not-seen', runtime: { perCall: 0, reached: false, hookRan: true, spansPerCall, benchHook: 'pg:Client.prototype.query' } },
    undefined,
  );
  return { ...sampleReport(), findings: [f] };
}

describe('countUnconfirmed', () => {
  it('default: not counted when the hook started a span, counted when it started none', () => {
    const quiet = applyPolicy(unseen(1), {}, TODAY, null, 'high');
    assert.equal(quiet.policy?.verdict, 'pass');
    assert.equal(exitCodeFor(quiet, 'high'), 0);
    const loud = applyPolicy(unseen(0), {}, TODAY, null, 'high');
    assert.equal(loud.policy?.verdict, 'fail');
    assert.equal(exitCodeFor(loud, 'high'), 1);
  });

  it('true counts them all, false none', () => {
    const always = applyPolicy(unseen(1), { countUnconfirmed: true }, TODAY, null, 'high');
    assert.equal(always.findings[0]!.counted, true);
    assert.equal(exitCodeFor(always, 'high'), 1);
    const never = applyPolicy(unseen(0), { countUnconfirmed: false }, TODAY, null, 'high');
    assert.equal(never.findings[0]!.counted, false);
    assert.equal(never.policy?.verdict, 'pass');
    assert.equal(exitCodeFor(never, 'high'), 0);
  });

  it('only static-not-seen findings carry it', () => {
    const r = applyPolicy({ ...sampleReport(), findings: [{ ...perCallSyncFs, evidence: 'both' }] }, { countUnconfirmed: false }, TODAY, null, 'high');
    assert.equal(r.findings[0]!.counted, undefined);
    assert.equal(exitCodeFor(r, 'high'), 1);
  });
});
