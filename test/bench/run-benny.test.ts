// The pure parts of the timing (src/bench/run-benny.ts): how a budget becomes rounds and Benchmark.js
// options, and how a variant's rounds become one figure and its margin. Shapes and arithmetic only —
// never a timing: the one call to the real timer checks what comes back, not how fast anything ran.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { caseOptions, combineRuns, median, quantile, relativeMargin, roundsFor, timeRounds } from '../../src/bench/timing/run-benny.js';
import { warmUpRate } from '../../src/bench/timing/warm-up.js';

const run = (nsPerCall: number): { nsPerCall: number; marginPct: number; samples: number } => ({ nsPerCall, marginPct: 0, samples: 1 });

describe('rounds and Benchmark.js options', () => {
  it('cuts a budget into one round per 20 ms, 3 to 40', () => {
    assert.equal(roundsFor(100), 5);
    assert.equal(roundsFor(500), 25);
    assert.equal(roundsFor(20), 3);
    assert.equal(roundsFor(1), 3);
    assert.equal(roundsFor(5_000), 40);
  });
  it('asks Benchmark.js for exactly one sample of the given CPU time, with no pause, from a known count', () => {
    assert.deepEqual(caseOptions(10, 1234), { minSamples: 1, maxTime: 1e-6, minTime: 0.01, delay: 0, initCount: 1234 });
    // never under half a millisecond: a microsecond clock needs that much to time to 0.2%
    assert.equal(caseOptions(0.1).minTime, 0.0005);
    assert.equal(caseOptions(0.1).initCount, 1);
  });
});

describe('statistics of the rounds', () => {
  it('quantile interpolates between order statistics; median of odd and even counts', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(quantile([10, 20, 30, 40, 50], 0), 10);
    assert.equal(quantile([10, 20, 30, 40, 50], 1), 50);
    assert.equal(quantile([10, 20, 30, 40, 50], 0.1), 14);
    assert.throws(() => median([]));
  });
  it('relative margin of error as Benchmark.js computes it (t, 95%), zero without a spread', () => {
    assert.equal(relativeMargin([5]), 0);
    assert.equal(relativeMargin([7, 7, 7]), 0);
    // mean 10, sd 1, n 3: 4.303 × 1 / √3 / 10 = 24.84%
    assert.ok(Math.abs(relativeMargin([9, 10, 11]) - 24.844) < 0.01);
    // beyond 30 degrees of freedom: 1.96
    const many = Array.from({ length: 41 }, (_, i) => (i % 2 === 0 ? 9 : 11));
    const mean = many.reduce((a, v) => a + v, 0) / 41;
    const sd = Math.sqrt(many.reduce((a, v) => a + (v - mean) ** 2, 0) / 40);
    assert.ok(Math.abs(relativeMargin(many) - ((1.96 * sd) / Math.sqrt(41) / mean) * 100) < 1e-9);
  });
  it('a variant is its fastest round; the margin is the spread of all its rounds; samples add up', () => {
    const combined = combineRuns([run(14_000), run(22_000), run(13_500), run(21_000), run(14_200)]);
    assert.equal(combined.nsPerCall, 13_500);
    assert.equal(combined.samples, 5);
    assert.equal(combined.marginPct, relativeMargin([14_000, 22_000, 13_500, 21_000, 14_200]));
  });
  it('a slow spell over some rounds leaves the figure where the quiet rounds put it', () => {
    const quiet = [13_000, 13_200, 13_300, 13_100, 13_050];
    const spell = [13_000, 21_000, 22_500, 13_100, 20_800];
    assert.equal(combineRuns(quiet.map(run)).nsPerCall, combineRuns(spell.map(run)).nsPerCall);
    assert.ok(combineRuns(spell.map(run)).marginPct > combineRuns(quiet.map(run)).marginPct);
  });
  it('refuses to make a figure from nothing', () => {
    assert.throws(() => combineRuns([]));
  });
});

describe('timeRounds (shape only)', () => {
  it('gives every variant one timing per round, in the order given, entering each variant before its runs', async () => {
    const entered: string[] = [];
    let x = 0;
    const variants = ['a', 'b', 'c'].map((name) => ({ name, fn: () => (x += 1), enter: () => entered.push(name) }));
    const out = await timeRounds(variants, 12, 3);
    assert.equal(out.length, 3);
    for (const runs of out) {
      assert.equal(runs.length, 3);
      for (const r of runs) {
        assert.ok(Number.isFinite(r.nsPerCall) && r.nsPerCall > 0);
        assert.equal(r.samples, 1);
      }
    }
    // warm-ups a, b, c, then three rounds whose order rotates: abc, bca, cab
    assert.deepEqual(entered, ['a', 'b', 'c', 'a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
  });
  it('times a promise-returning variant to its settlement', async () => {
    let settled = 0;
    const [runs] = await timeRounds([{ name: 'async', fn: () => Promise.resolve().then(() => void settled++) }], 6, 3);
    assert.equal(runs!.length, 3);
    assert.ok(settled > 0);
  });
});

describe('warmUpRate (shape only)', () => {
  it('reports the wall time spent and a per-call CPU figure', async () => {
    let x = 0;
    const w = await warmUpRate(() => (x += 1), 5, 1);
    assert.ok(w.ms >= 0);
    assert.ok(Number.isFinite(w.nsPerCall) && w.nsPerCall >= 0);
  });
});
