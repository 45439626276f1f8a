// The ranking behind reports/README.md and the normalisation of the committed JSON, on small reports.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseReport, round3 } from '../../src/dev/reports/normalise-report.js';
import { rankPackages, renderRanking } from '../../src/dev/reports/render-ranking.js';
import type { Report } from '../../src/model/report.js';
import { bench, fixtureReport, withBenchmarks } from '../diff/diff-fixtures.js';

function twoPackages(): Report {
  const base = fixtureReport();
  const other = { ...base.packages[0]!, name: 'fixture-other', version: '2.0.0', dir: 'other' };
  return { ...base, packages: [...base.packages, other] };
}

describe('rankPackages', () => {
  it('without bench data: by per-call findings, high first, then by name', () => {
    assert.deepEqual(rankPackages(twoPackages()).map((r) => r.label), ['fixture-tsc-cjs@1.4.0', 'fixture-other@2.0.0']);
    // the fixture's error-path-only stack capture is reported, not counted (isErrorPathOnly)
    assert.deepEqual(rankPackages(twoPackages())[0]!.perCall, { high: 3, medium: 0, low: 2, info: 0 });
  });
  it('with bench data: by the worst measured hook first', () => {
    const r = withBenchmarks(twoPackages(), [
      bench({ target: 'a:cheap', overhead: 900 }),
      bench({ target: 'b:costly', overhead: 4000, pkg: 'fixture-other@2.0.0' }),
      bench({ target: 'c:failed', overhead: null, status: 'failed', pkg: 'fixture-other@2.0.0' }),
    ]);
    const ranked = rankPackages(r);
    assert.deepEqual(ranked.map((x) => [x.label, x.worst?.ns, x.measured, x.benched]), [
      ['fixture-other@2.0.0', 4000, 1, 2],
      ['fixture-tsc-cjs@1.4.0', 900, 1, 1],
    ]);
    const md = renderRanking(r, { benchNote: 'Bench: test.' });
    assert.ok(md.includes('| 1 | `fixture-other@2.0.0` | 4 µs | 2.7× | `wrap b:costly` | 4 µs | 1/2 | – |'));
    assert.ok(md.includes('### fixture-tsc-cjs@1.4.0'));
    assert.equal(md, renderRanking(r, { benchNote: 'Bench: test.' }), 'deterministic');
  });
});

describe('normaliseReport', () => {
  it('zeroes durations, rounds timings, hides the checkout path', () => {
    const r = withBenchmarks(fixtureReport(), [{ ...bench({ target: 'a:x', overhead: 1234.567, instrumented: 98_765.4 }), marginPct: 3.14159, reason: 'ENOENT /home/me/repo/node_modules/x' }]);
    const n = normaliseReport({ ...r, summary: { ...r.summary, durationMs: 1234 } }, '/home/me/repo') as Report & { benchmarks: Array<Record<string, unknown>> };
    assert.equal(n.summary.durationMs, 0);
    assert.deepEqual([n.benchmarks[0]!.overheadNsPerSpan, n.benchmarks[0]!.instrumentedNsPerCall, n.benchmarks[0]!.marginPct], [1230, 98_800, 3.1]);
    assert.equal(n.benchmarks[0]!.reason, 'ENOENT <repo>/node_modules/x');
    assert.deepEqual([round3(0.012345), round3(-5678), round3(0)], [0.0123, -5680, 0]);
  });
});
