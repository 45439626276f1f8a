// The diff renderers: pure, deterministic, and the Markdown stays under GitHub's comment limit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffReports } from '../../src/diff/diff-reports.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/diff/markdown-text.js';
import { renderDiff } from '../../src/diff/render-diff.js';
import { renderDiffMarkdown } from '../../src/diff/render-diff-markdown.js';
import type { Finding, Report } from '../../src/model/report.js';
import { bench, find, fixtureReport, withBenchmarks } from './diff-fixtures.js';

const base = fixtureReport();
const lookup = find(base, 'version-lookup', 'require.resolve');
const head: Report = { ...base, findings: base.findings.filter((f) => f !== lookup) };
const added: Report = { ...base, findings: [...base.findings, { ...lookup, callPath: [...lookup.callPath, { function: 'newHelper', file: 'build/src/utils.js', line: 70 }], line: 70 }] };

describe('renderDiff', () => {
  it('terminal: the verdict first, then new and fixed per-call findings with their call paths', () => {
    const text = renderDiff(diffReports(base, added), { format: 'terminal', failOn: 'high' });
    const lines = text.split('\n');
    assert.match(lines[0]!, /^FAIL/);
    assert.ok(lines.some((l) => l.startsWith('New per-call findings (1)')));
    assert.ok(text.includes('→ newHelper → require.resolve'));
    assert.ok(!text.includes('\x1b['), 'no colour unless asked');
  });
  it('terminal: OK when the change only fixes things', () => {
    const text = renderDiff(diffReports(base, head), { format: 'terminal', failOn: 'high' });
    assert.match(text, /^OK/);
    assert.ok(text.includes('Fixed per-call findings (1)'));
  });
  it('json: the ReportDiff object', () => {
    const d = diffReports(base, head);
    assert.deepEqual(JSON.parse(renderDiff(d, { format: 'json', failOn: 'high' })), JSON.parse(JSON.stringify(d)));
  });
  it('markdown: headline, tables, collapsible call paths, footer; the marker on top when given', () => {
    const d = diffReports(withBenchmarks(base, [bench({ target: 'a:x', overhead: 1000 })]), withBenchmarks(added, [bench({ target: 'a:x', overhead: 5000 })]));
    const md = renderDiffMarkdown(d, { failOn: 'high', marker: '<!-- otel-audit -->', fixes: { 'version-lookup': 'Look it up once.' } });
    const lines = md.split('\n');
    assert.equal(lines[0], '<!-- otel-audit -->');
    assert.match(lines[1]!, /^### ❌ otel-audit: 1 new per-call finding at or above high, 1 overhead regression/);
    assert.ok(md.includes('| **high** | `version-lookup` | `fixture-tsc-cjs@1.4.0` |'));
    assert.ok(md.includes('<details><summary>Call paths</summary>'));
    assert.ok(md.includes('Fix: Look it up once.'));
    assert.ok(md.includes('🔺 regression'));
    assert.match(lines.at(-2)!, /^<sub>.*otel-audit /);
  });
  it('markdown: escapes what would break a table row', () => {
    const odd: Finding = { ...lookup, operation: 'a|b', hook: { ...lookup.hook!, target: 'x|y' }, line: 5 };
    const md = renderDiffMarkdown(diffReports(base, { ...base, findings: [...base.findings, odd] }), { failOn: 'high' });
    assert.ok(md.includes('`a\\|b`'));
  });
  it("markdown: summarises instead of passing GitHub's comment limit", () => {
    const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({ ...lookup, operation: `op${i}`, line: i + 1 }));
    const md = renderDiffMarkdown(diffReports(base, { ...base, findings: many }), { failOn: 'high' });
    assert.ok(md.length < GITHUB_COMMENT_LIMIT, `${md.length} characters`);
    assert.ok(md.includes('more, in the JSON report'));
    assert.ok(!md.includes('<details>'), 'call paths go first');
  });
});
