// `otel-audit diff` as a user runs it: exit codes 0 / 1 / 2, formats, --output.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/model/report.js';
import { makeTree, removeTree, runCli } from '../cli/run-cli.js';
import { assertSelfContained, assertWellLinked } from '../report/html-helpers.js';
import { bench, find, fixtureReport, shifted, withBenchmarks } from './diff-fixtures.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);

before(async () => {
  const base = fixtureReport();
  const lookup = find(base, 'version-lookup', 'require.resolve');
  const withoutLookup: Report = { ...base, findings: base.findings.filter((f) => f !== lookup) };
  dir = await makeTree({
    'base.json': JSON.stringify(withoutLookup),
    'head.json': JSON.stringify(shifted(base, 4)),
    'fixed.json': JSON.stringify(shifted(withoutLookup, 2)),
    'bench-base.json': JSON.stringify(withBenchmarks(base, [bench({ target: 'a:x', overhead: 1000 })])),
    'bench-head.json': JSON.stringify(withBenchmarks(base, [bench({ target: 'a:x', overhead: 3000 })])),
    'v2.json': JSON.stringify({ ...base, schemaVersion: 2 }),
    'not-json.json': 'hello',
  });
});
after(() => removeTree(dir));

describe('otel-audit diff', () => {
  it('exit 1 for a new per-call finding at or above --fail-on (default high)', async () => {
    const r = await runCli(['diff', file('base.json'), file('head.json')]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^FAIL {2}1 new per-call finding at or above high/);
  });
  it('exit 0 with --fail-on none, and when the change only fixes or moves', async () => {
    assert.equal((await runCli(['diff', file('base.json'), file('head.json'), '--fail-on', 'none'])).code, 0);
    const r = await runCli(['diff', file('head.json'), file('fixed.json'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { summary: { fixed: number; new: number; moved: number } };
    assert.deepEqual([d.summary.new, d.summary.fixed], [0, 1]);
    assert.ok(d.summary.moved > 0);
  });
  it('exit 1 for an overhead regression; --threshold-pct moves the bar', async () => {
    assert.equal((await runCli(['diff', file('bench-base.json'), file('bench-head.json')])).code, 1);
    assert.equal((await runCli(['diff', file('bench-base.json'), file('bench-head.json'), '--threshold-pct', '500'])).code, 0);
  });
  it('markdown to --output', async () => {
    const r = await runCli(['diff', file('base.json'), file('head.json'), '--format', 'markdown', '--output', file('out.md')]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(readFileSync(file('out.md'), 'utf8'), /^### ❌ otel-audit:/);
  });
  it('html to --output: one self-contained page with the verdict, the new finding and the regression; same exit codes', async () => {
    const r = await runCli(['diff', file('bench-base.json'), file('bench-head.json'), '--format', 'html', '--output', file('diff.html')]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /wrote html diff to .*diff\.html/);
    const html = readFileSync(file('diff.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes('graphvizVersion'), 'viz.js inlined');
    assertSelfContained(html);
    assertWellLinked(html);
    assert.match(html, /<strong class="verdict-word"><span aria-hidden="true">✗<\/span> FAIL<\/strong> 1 overhead regression/);
    assert.match(html, /<tr class="bench-change v-regression" data-package="fixture-tsc-cjs" data-verdict="regression">/);
    assert.ok(html.includes('<strong>Fix:</strong>'), 'rule fixes are loaded for html');

    const p = await runCli(['diff', file('base.json'), file('head.json'), '--format', 'html']);
    assert.equal(p.code, 1, p.stderr);
    assert.equal(p.stderr, '', 'a pipe is not a terminal: no warning');
    assert.match(p.stdout, /<article class="finding sev-high change-new" id="d-new-1"/);
    assert.equal((await runCli(['diff', file('head.json'), file('fixed.json'), '--format', 'html', '-q'])).code, 0);
  });
  it('exit 2 with a clear message for a missing file, non-JSON, another schemaVersion', async () => {
    for (const [name, message] of [
      ['missing.json', /missing\.json: not found/],
      ['not-json.json', /not JSON/],
      ['v2.json', /unsupported schemaVersion 2/],
    ] as const) {
      const r = await runCli(['diff', file('base.json'), file(name)]);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
  it('exit 2 for a usage error', async () => {
    writeFileSync(file('x.json'), '{}');
    assert.equal((await runCli(['diff', file('base.json')])).code, 2);
    assert.equal((await runCli(['diff', file('base.json'), file('head.json'), '--threshold-pct', '-1'])).code, 2);
  });
});
