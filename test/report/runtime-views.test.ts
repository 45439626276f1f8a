// What every view says about runtime truth, on a hand-made report: findings tagged by evidence (and the
// ones not counted said so), hooks that started no span kept out of the per-span ranking with what
// stopped them, set-up hooks in a section of their own, the scanned hooks accounted for and what the
// block coverage cost. Words and structure, never timings of a real run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Benchmark, Finding, Report } from '../../src/model/report.js';
import { renderTerminal } from '../../src/report/render-terminal.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { renderSarif } from '../../src/report/render-sarif.js';
import { renderRanking } from '../../src/dev/reports/render-ranking.js';
import { noSpan, readPerCall, sampleBenchReport } from '../bench/sample-bench.js';
import { perCallSyncFs } from './sample-report.js';

const setUp: Benchmark = { ...readPerCall, hook: { id: 'wrap:mysql:createPool', kind: 'wrap', target: 'mysql:createPool' }, overheadNsPerSpan: 90_000, spansPerCall: 0 };
const stopped: Benchmark = {
  ...noSpan,
  spanPath: { reached: false, drive: [], condition: 'stopped before its span start (index.js:56) by: `!(request instanceof PrivateRequest)` false (index.js:55)' },
};
const driven: Benchmark = { ...readPerCall, spanPath: { reached: true, drive: [{ of: 'arg', index: 0, path: [], is: 'equal', value: 'request' }], condition: null } };

const unseen: Finding = {
  ...perCallSyncFs,
  evidence: 'static-not-seen',
  counted: false,
  runtime: { perCall: 0, reached: false, hookRan: true, spansPerCall: 1, benchHook: 'pg:Client.prototype.query' },
};
const found: Finding = {
  ...perCallSyncFs,
  line: 44,
  ruleId: 'env-read',
  severity: 'low',
  operation: 'process.env',
  evidence: 'runtime',
  runtime: { perCall: 1, reached: true, hookRan: true, spansPerCall: 1, benchHook: 'pg:Client.prototype.query' },
};

function report(): Report {
  const base = sampleBenchReport(true);
  return {
    ...base,
    findings: [unseen, found],
    benchmarks: [driven, stopped, setUp],
    benchSummary: { ...base.benchSummary!, hooks: { total: 4, measured: 3, skipped: 0, failed: 1, noSpan: 1 }, coverageMs: 2_000, durationMs: 12_000 },
  };
}

describe('runtime truth in every view', () => {
  it('terminal: evidence tags, no span with its condition, the drive, a set-up section, the accounting and the coverage cost', () => {
    const text = renderTerminal(report());
    assert.match(text, /sync-fs .*\[not seen at run time, not counted\]/);
    assert.match(text, /not seen at run time: the hook ran and started its span under pg:Client\.prototype\.query, this block ran 0 times per call; not counted/);
    assert.match(text, /env-read .*\[found at run time\]/);
    assert.match(text, /wrap pg:Client\.prototype\.end {2}\[no span\]/);
    assert.match(text, /no span: stopped before its span start .*PrivateRequest/);
    assert.match(text, /driven to its span start by arg0 = "request"/);
    const ranking = text.slice(text.indexOf('Costliest hooks'), text.indexOf('Set-up hooks'));
    assert.ok(!ranking.includes('createPool') && !ranking.includes('Client.prototype.end'), 'set-up and no-span hooks are not in the per-span ranking');
    assert.match(text, /Set-up hooks .*\n\s+1\. +\+90 µs\/call .*mysql:createPool/);
    assert.match(text, /hooks 4, measured 3, skipped 0, failed 1, no span 1/);
    assert.match(text, /block coverage 2\.0 s \(\+20% on the rest of the run\)/);
    assert.match(text, /1 not seen at run time \(not counted\)/);
  });

  it('markdown: the uncounted finding said and tagged, the set-up hooks apart, the accounting in the stats', () => {
    const md = renderMarkdown(report());
    assert.match(md, /1 per-call finding not seen at run time and not counted/);
    assert.match(md, /\(not seen at run time, not counted\)/);
    assert.match(md, /<summary>Set-up hooks \(1\)/);
    assert.match(md, /\| `@opentelemetry\/instrumentation-a@1\.0\.0` \| `wrap mysql:createPool` \| 90 µs \|/);
    assert.match(md, /bench: hooks 4, measured 3, skipped 0, failed 1, no span 1/);
  });

  it('html: evidence badges and facts, set-up hooks ranked apart, no span in the bench table', () => {
    const html = renderHtml(report());
    assert.match(html, /class="evidence-badge ev-static-not-seen">not seen at run time, not counted</);
    assert.match(html, /class="evidence-badge ev-runtime">found at run time</);
    assert.match(html, /<h3>Set-up hooks<\/h3>/);
    assert.match(html, /<td>measured, no span<\/td>/);
    assert.match(html, /no span: stopped before its span start/);
  });

  it('sarif carries the evidence; the ranking of reports/ puts set-up and no-span hooks in sections of their own', () => {
    const sarif = JSON.parse(renderSarif(report())) as { runs: Array<{ results: Array<{ properties: Record<string, unknown> }> }> };
    assert.deepEqual(
      sarif.runs[0]!.results.map((r) => [r.properties.evidence, r.properties.counted]),
      [
        ['static-not-seen', false],
        ['runtime', undefined],
      ],
    );
    const md = renderRanking(report(), { benchNote: '' });
    assert.ok(md.indexOf('## Ranking (per request)') < md.indexOf('## Set-up hooks (per call)'));
    assert.match(md, /## Measured, no span[\s\S]*pg:Client\.prototype\.end[\s\S]*PrivateRequest/);
    assert.match(md, /Every scanned hook accounted for: hooks 4, measured 3/);
  });
});
