// What counts as per call (countsAsPerCall) and the summary's counts built on it: dead branches and
// error-path-only findings are reported apart, and a bench that saw an error-path block run on every
// call makes it count again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countsAsPerCall, isErrorPathOnly, type Finding } from '../../src/model/finding.js';
import { findingCounts, recount } from '../../src/model/summary.js';
import { errorPathOnly, initEnvRead, perCallSyncFs, sampleReport } from '../report/sample-report.js';

const dead: Finding = { ...perCallSyncFs, line: 90, deadBranch: 'a defensive check on parameter wrapper that fails the call', path: 'error' };

describe('countsAsPerCall', () => {
  it('counts per-call findings on the normal path only', () => {
    assert.equal(countsAsPerCall(perCallSyncFs), true);
    assert.equal(countsAsPerCall(initEnvRead), false, 'init');
    assert.equal(countsAsPerCall(dead), false, 'dead branch');
    assert.equal(countsAsPerCall(errorPathOnly), false, 'error path');
    assert.equal(isErrorPathOnly(errorPathOnly), true);
  });

  it('counts an error-path finding the bench saw run on every call, and not one it did not see', () => {
    for (const evidence of ['both', 'runtime'] as const) assert.equal(countsAsPerCall({ ...errorPathOnly, evidence }), true, evidence);
    for (const evidence of ['static', 'static-not-seen'] as const) assert.equal(countsAsPerCall({ ...errorPathOnly, evidence }), false, evidence);
  });
});

describe('findingCounts', () => {
  it('puts dead branches and error paths apart from perCall, and leaves the keys out when there are none', () => {
    const counts = findingCounts([perCallSyncFs, initEnvRead, dead, errorPathOnly, { ...errorPathOnly, line: 13, evidence: 'both' }]);
    assert.deepEqual({ perCall: counts.perCall, deadBranch: counts.deadBranch, errorPath: counts.errorPath }, { perCall: 2, deadBranch: 1, errorPath: 1 });
    assert.equal(counts.byFrequency['per-call'], 4);
    const none = findingCounts([perCallSyncFs]);
    assert.ok(!('deadBranch' in none) && !('errorPath' in none));
  });

  it('recount replaces the old dead-branch and error-path counts', () => {
    const report = sampleReport();
    const after = recount(report.summary, [perCallSyncFs]);
    assert.equal(after.perCall, 1);
    assert.ok(!('errorPath' in after));
  });
});
