// The parent's check of a child's figures against the CPU time it measured from outside (cross-check.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callsFor, judgeFigures } from '../../src/bench/run/cross-check.js';

describe('cross-check of a bench child’s figures', () => {
  it('honest figures hold up, also when the batches ran twice as slow as the fastest round', () => {
    assert.equal(judgeFigures({ plainNs: 120, hookedNs: 1_500 }, { plain: [150, 130, 240], hooked: [1_700, 2_900, 1_600] }), null);
    assert.equal(judgeFigures({ plainNs: 60_000, hookedNs: 100_000 }, { plain: [62_000], hooked: [190_000] }), null);
  });

  it('a hooked call that costs far more than claimed (a forged +0 ns) is untrusted', () => {
    assert.notEqual(judgeFigures({ plainNs: 120, hookedNs: 125 }, { plain: [130], hooked: [246_000] }), null);
  });

  it('calls that were not made (far less CPU than claimed) are untrusted', () => {
    assert.notEqual(judgeFigures({ plainNs: 120, hookedNs: 30_000 }, { plain: [130], hooked: [40] }), null);
    // an inflated baseline lowers the overhead just as well
    assert.notEqual(judgeFigures({ plainNs: 240_000, hookedNs: 246_000 }, { plain: [150], hooked: [246_000] }), null);
  });

  it('a batch is about 10 ms of the claimed calls, within bounds', () => {
    assert.equal(callsFor(1_000), 10_000);
    assert.equal(callsFor(0), 500_000);
    assert.equal(callsFor(1e9), 1);
  });
});
