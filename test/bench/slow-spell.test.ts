// The slow-spell rule (src/bench/slow-spell.ts): which measured cases are measured again, and which
// attempt is reported. Entries are built by hand, with bare spans chosen to sit either side of the
// threshold — arithmetic on given figures, never a timing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarise } from '../../src/bench/run/bench.js';
import { keepAttempt, markStillSlow, MAX_ATTEMPTS, MIN_CASES_FOR_MEDIAN, SLOW_SPELL_FACTOR, slowSpellCases, slowSpellThreshold } from '../../src/bench/run/slow-spell.js';
import type { Benchmark } from '../../src/model/report.js';

function entry(bareSpanNs: number | null, over: Partial<Benchmark> = {}): Benchmark {
  return {
    package: 'p@1.0.0',
    hook: { id: 'h', kind: 'wrap', target: 'm:f' },
    status: 'measured',
    reason: null,
    spansPerCall: 1,
    baselineNsPerCall: 100,
    instrumentedNsPerCall: 2_100,
    unsampledNsPerCall: 300,
    overheadNsPerSpan: 2_000,
    marginPct: 3,
    samples: 10,
    opsPerCall: {},
    bareSpanNs,
    ...over,
  };
}

describe('slow-spell threshold', () => {
  it('is the factor times the median once there are enough measured cases', () => {
    const bares = [1_000, 1_100, 1_200, 1_300, 5_000];
    assert.ok(bares.length >= MIN_CASES_FOR_MEDIAN);
    assert.equal(slowSpellThreshold(bares.map((b) => entry(b))), 1_200 * SLOW_SPELL_FACTOR);
  });
  it('is the factor times the fastest bare span in a small run: of two cases, one in a spell, the median is half in it', () => {
    // the figures of a miss seen on the reference machine: 2.38 µs beside one hook, 1.38 µs beside its twin
    const entries = [entry(2_380), entry(1_380)];
    assert.equal(slowSpellThreshold(entries), 1_380 * SLOW_SPELL_FACTOR);
    assert.deepEqual(slowSpellCases(entries, slowSpellThreshold(entries)), [0]);
  });
  it("takes this machine's usual bare span when it is lower: a spell that outlasts a small run raises all of it", () => {
    // both cases of a run measured in one spell (1.95 µs and 1.93 µs beside a usual 1.1 µs)
    const entries = [entry(1_950), entry(1_930)];
    assert.deepEqual(slowSpellCases(entries, slowSpellThreshold(entries)), []);
    assert.equal(slowSpellThreshold(entries, 1_100), 1_100 * SLOW_SPELL_FACTOR);
    assert.deepEqual(slowSpellCases(entries, slowSpellThreshold(entries, 1_100)), [0, 1]);
    // a usual figure above the run's own changes nothing
    assert.equal(slowSpellThreshold(entries, 2_500), 1_930 * SLOW_SPELL_FACTOR);
  });
  it('looks only at measured entries with a bare span; none measured, no threshold and nothing to redo', () => {
    const entries = [entry(null, { status: 'failed', reason: 'timed out' }), entry(500, { status: 'skipped', reason: 'no wrapper' }), entry(null)];
    assert.equal(slowSpellThreshold(entries), null);
    assert.deepEqual(slowSpellCases(entries, null), []);
    // a skipped entry with a stray figure is never picked
    assert.deepEqual(slowSpellCases(entries, 100), []);
  });
  it('picks the cases above the threshold, in order, and leaves the spread of a quiet run alone', () => {
    const quiet = [1_400, 1_500, 1_550, 1_600, 1_700, 1_800].map((b) => entry(b));
    assert.deepEqual(slowSpellCases(quiet, slowSpellThreshold(quiet)), []);
    const spell = [entry(1_500), entry(2_400), entry(1_600), entry(1_550), entry(2_100), entry(1_580)];
    assert.deepEqual(slowSpellCases(spell, slowSpellThreshold(spell)), [1, 4]);
  });
});

describe('which cases are measured again', () => {
  it(`stops at ${MAX_ATTEMPTS} attempts`, () => {
    const entries = [entry(3_000, { attempts: MAX_ATTEMPTS }), entry(3_000, { attempts: MAX_ATTEMPTS - 1 }), entry(1_000)];
    assert.deepEqual(slowSpellCases(entries, 1_300), [1]);
  });
  it('takes at most a tenth of a large run, the slowest bare spans first, returned in order', () => {
    const entries = Array.from({ length: 40 }, (_, i) => entry(i < 30 ? 1_000 : 2_000 + i * 100));
    // ten are over 1.3 µs; a tenth of forty is four: the four slowest (indexes 36 to 39)
    assert.deepEqual(slowSpellCases(entries, 1_300), [36, 37, 38, 39]);
    // never fewer than two
    assert.deepEqual(slowSpellCases(entries.slice(25, 35), 1_300), [8, 9]);
  });
  it('takes both cases of a two-case run', () => {
    assert.deepEqual(slowSpellCases([entry(2_000), entry(2_100)], 1_300), [0, 1]);
  });
});

describe('keeping one of two attempts', () => {
  it('keeps the attempt with the lower bare span, marked as measured twice', () => {
    const first = entry(2_380, { overheadNsPerSpan: 19_500 });
    const second = entry(1_420, { overheadNsPerSpan: 12_900 });
    assert.deepEqual(keepAttempt(first, second), { ...second, attempts: 2 });
    assert.deepEqual(keepAttempt(second, first), { ...second, attempts: 2 });
  });
  it('counts a third attempt on top of the second', () => {
    const kept = keepAttempt(entry(2_400, { attempts: 2 }), entry(1_500));
    assert.equal(kept.attempts, 3);
    assert.equal(kept.bareSpanNs, 1_500);
  });
  it('keeps a measured first attempt when the second failed, and says so in its remark', () => {
    const first = entry(2_380, { reason: 'no span per call' });
    const kept = keepAttempt(first, entry(null, { status: 'failed', reason: 'timed out after 30 s' }));
    assert.equal(kept.overheadNsPerSpan, first.overheadNsPerSpan);
    assert.equal(kept.attempts, 2);
    assert.equal(kept.reason, "no span per call; measured again after a slow spell, and attempt 2 failed: timed out after 30 s; these are an earlier attempt's figures");
  });
});

describe('a spell that outlasted every attempt', () => {
  it('keeps the figures and says they read high, by the ratio of the bare span beside them', () => {
    const b = entry(1_580, { attempts: 3, reason: 'no span per call' });
    const marked = markStillSlow(b, 1_100 * SLOW_SPELL_FACTOR);
    assert.equal(marked.overheadNsPerSpan, b.overheadNsPerSpan);
    assert.equal(
      marked.reason,
      'no span per call; measured in a slow spell of the machine (3 attempts): the bare span beside it was 1.4× the usual 1.1 µs, and its figures read high by about as much',
    );
    // under the threshold, or not measured: unchanged
    assert.equal(markStillSlow(entry(1_200), 1_100 * SLOW_SPELL_FACTOR).reason, null);
    assert.equal(markStillSlow(entry(null, { status: 'failed', reason: 'x' }), 10).reason, 'x');
  });
});

describe('bench summary', () => {
  it('counts the entries measured again', () => {
    const s = summarise([entry(1_000), entry(1_100, { attempts: 2 }), entry(null, { status: 'failed', reason: 'x' })], 100, 2, 1_000, false);
    assert.equal(s.remeasured, 1);
    assert.equal(s.measured, 2);
    assert.equal(s.failed, 1);
  });
});
