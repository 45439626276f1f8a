// Robustness (issue 15): a diff of 100,000 new findings renders in Markdown (under the comment limit,
// saying what was left out) and in HTML (a capped number of cards, all of them in the embedded JSON),
// where it used to overflow the stack and V8's largest string.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffReports } from '../../src/diff/diff-reports.js';
import { MAX_CARDS_PER_CHANGE, renderDiffHtml } from '../../src/diff/render-diff-html.js';
import { renderDiffMarkdown } from '../../src/diff/render-diff-markdown.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/diff/markdown-text.js';
import type { Finding } from '../../src/model/report.js';
import { fixtureReport } from '../diff/diff-fixtures.js';

const N = 100_000;

describe('diff of 100,000 new findings', () => {
  const base = { ...fixtureReport(), findings: [] };
  const template = fixtureReport().findings.find((f) => f.frequency === 'per-call')!;
  // distinct operations: distinct fingerprints, so each one is a new finding
  const findings: Finding[] = Array.from({ length: N }, (_, i) => ({ ...template, operation: `${template.operation} #${i}`, line: template.line + (i % 1000) }));
  const diff = diffReports(base, { ...fixtureReport(), findings }, { thresholdPct: 10 });

  it('are all new in the diff', () => {
    assert.equal(diff.summary.newPerCall, N);
  });

  it('Markdown: renders under the comment limit, the count in the heading', () => {
    const md = renderDiffMarkdown(diff, { failOn: 'high' });
    assert.ok(md.length < GITHUB_COMMENT_LIMIT, `${md.length} characters`);
    assert.match(md, /#### New per-call findings \(100000\)/);
    const shown = md.split('\n').filter((l) => l.startsWith('| **')).length;
    assert.ok(shown > 0 && md.includes(`… and ${N - shown} more, in the JSON report`), `${shown} rows shown`);
  });

  it('HTML: renders, with the first cards and the count of the rest', () => {
    const page = renderDiffHtml(diff, { failOn: 'high' });
    assert.equal(page.match(/<article class="finding/g)?.length, MAX_CARDS_PER_CHANGE);
    assert.match(page, /… and 99,500 more new findings, left out of the page/);
  });
});
