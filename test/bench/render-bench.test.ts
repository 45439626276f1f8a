// The bench in the terminal and JSON views: what each line holds (never timings of a real run).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatNs, timesBareSpan } from '../../src/util/format-ns.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderTerminal } from '../../src/report/render-terminal.js';
import { joinBench } from '../../src/bench/run/join-bench.js';
import { sampleReport } from '../report/sample-report.js';
import { sampleBenchReport } from './sample-bench.js';

describe('render bench', () => {
  it('formats durations with three figures and multiples of a bare span', () => {
    assert.equal(formatNs(850), '850 ns');
    assert.equal(formatNs(15_240), '15.2 µs');
    assert.equal(formatNs(2_310_000), '2.31 ms');
    assert.equal(timesBareSpan(18_000, 1_500), '12×');
    assert.equal(timesBareSpan(3_000, 1_500), '2.0×');
    assert.equal(timesBareSpan(-20, 1_500), null);
  });

  it('a bench report: per package, costliest first, with ops and sites; failures and skips with reasons; no scan sections', () => {
    const text = renderTerminal(sampleBenchReport());
    const lines = text.split('\n');
    const read = lines.findIndex((l) => l.includes('wrap pg:Client.prototype.query'));
    const end = lines.findIndex((l) => l.includes('wrap pg:Client.prototype.end'));
    assert.ok(read > 0 && end > read, 'costliest first');
    assert.match(lines[read]!, /\+18 µs\/span ±3%\s+12× bare span/);
    assert.match(lines[read]!, /unsampled \+15\.1 µs\/call/);
    assert.match(lines[read + 1]!, /ops\/call .*fs\.readFileSync 1 \(build\/src\/utils\.js:12\)/);
    assert.match(lines[end]!, /\/call/);
    assert.ok(text.includes('failed   wrap pg:Client.prototype.spin  timed out'));
    assert.ok(text.includes('skipped'));
    assert.ok(!text.includes('No per-call findings'), 'the scan sections are left out of a bench-only report');
    assert.match(lines.filter((l) => l !== '').at(-1)!, /4 bench entries: 2 measured, 1 skipped, 1 failed \(66\.7% of hooks measured\)/);
  });

  it("a case measured again says so; the summary line gives the machine's usual bare span and calls out a slow run", () => {
    const base = sampleBenchReport();
    const slow = {
      ...base,
      benchmarks: base.benchmarks!.map((b) => (b.hook?.target === 'pg:Client.prototype.query' ? { ...b, attempts: 2 } : b)),
      reference: { bareSpanNs: 2_000, usualBareSpanNs: 1_100 },
      benchSummary: { ...base.benchSummary!, remeasured: 1 },
    };
    const lines = renderTerminal(slow).split('\n');
    assert.match(
      lines.find((l) => l.includes('wrap pg:Client.prototype.query'))!,
      /measured 2× \(slow spell\)$/,
    );
    const summary = lines.filter((l) => l !== '').at(-1)!;
    assert.match(summary, /bare span 2 µs \(usually 1\.1 µs here, 1\.8×: the machine was slow through this run, its figures are high\)/);
    assert.match(summary, / · 1 measured again after a slow spell · /);
    // a run near the usual figure is not called slow; a history that could not be used is said
    const quiet = renderTerminal({ ...slow, reference: { bareSpanNs: 1_200, usualBareSpanNs: 1_100, historyProblem: '/c/bench-bare-span.json: not valid JSON' } });
    const last = quiet
      .split('\n')
      .filter((l) => l !== '')
      .at(-1)!;
    assert.match(last, /bare span 1\.2 µs \(usually 1\.1 µs here\)/);
    assert.match(last, /bare-span history not used: \/c\/bench-bare-span\.json: not valid JSON$/);
    assert.ok(!renderTerminal(base).includes('measured again'), 'nothing said when nothing was measured again');
  });

  it('--quiet leaves out what was skipped', () => {
    assert.ok(!renderTerminal(sampleBenchReport(), { quiet: true }).includes('skipped  '));
  });

  it('scan --bench: the finding shows what was measured and whether its operation ran', () => {
    const joined = joinBench(sampleReport(), sampleBenchReport(true));
    const text = renderTerminal(joined);
    assert.match(text, /bench 18 µs\/span \(12× a bare span\) · confirmed: ran at run time/);
    assert.ok(text.includes('Benchmarks'));
  });

  it('JSON: the benchmark keys in the documented order, operations alphabetical', () => {
    const json = JSON.parse(renderJson(sampleBenchReport())) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).slice(-3), ['reference', 'benchmarks', 'benchSummary']);
    const b = (json.benchmarks as Array<Record<string, unknown>>).find((x) => x.status === 'measured')!;
    assert.deepEqual(Object.keys(b), [
      'package',
      'hook',
      'status',
      'reason',
      'spansPerCall',
      'baselineNsPerCall',
      'instrumentedNsPerCall',
      'unsampledNsPerCall',
      'overheadNsPerSpan',
      'marginPct',
      'samples',
      'opsPerCall',
      'opSites',
      'bareSpanNs',
      'callStyle',
      'patched',
    ]);
  });
});
