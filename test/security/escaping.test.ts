// Hostile names from scanned code in every text format (issue 15): hook targets, function names,
// operations and file names are string literals a package chose. In Markdown (scan, diff, vet) they
// must stay text — no code span broken out of, no heading, link, image, raw HTML, @mention, issue
// reference or bare URL — and on a terminal no escape sequence may reach it, colour or not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { diffReports } from '../../src/diff/diff-reports.js';
import { renderDiffMarkdown } from '../../src/diff/render-diff-markdown.js';
import { renderDiffTerminal } from '../../src/diff/render-diff-terminal.js';
import type { Finding, Report } from '../../src/model/report.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { renderProgress } from '../../src/report/render-progress.js';
import { renderTerminal } from '../../src/report/render-terminal.js';
import { renderVetMarkdown, renderVetTerminal } from '../../src/vet/render-vet.js';
import type { VetResult } from '../../src/vet/vet-model.js';
import { perCallSyncFs, sampleReport } from '../report/sample-report.js';

const ESC = '\u001b';
/** each line a different attack: out of a double-backtick span, a heading, a link, an image, HTML, a mention, OSC 52, clear screen, a title */
const HOSTILE = [
  'a`` b ``` c',
  '\n\n# Heading from the package\n',
  '](https://evil.example/x) [click](https://evil.example)',
  '![img](https://evil.example/i.png)',
  '<img src=x onerror=alert(1)><script>alert(1)</script>',
  '@octocat and #1 and www.evil.example',
  `${ESC}]52;c;ZXZpbA==\u0007`,
  `${ESC}[2J${ESC}]0;owned\u0007\u202eevil`,
].join(' ');

function hostileReport(): Report {
  const r = sampleReport();
  const evil: Finding = {
    ...perCallSyncFs,
    package: `evil-${HOSTILE}@1.0.0`,
    operation: `op ${HOSTILE}`,
    message: `message ${HOSTILE}`,
    file: `build/${HOSTILE}.js`,
    callPath: [{ function: `fn ${HOSTILE}`, file: `file ${HOSTILE}.js`, line: 3 }],
    hook: { id: 'h1', kind: 'wrap', target: `target ${HOSTILE}` },
  };
  return { ...r, findings: [evil, ...r.findings], errors: [{ package: HOSTILE, file: HOSTILE, message: HOSTILE, kind: 'parse' }] };
}

/** What GitHub would make of it, approximately: CommonMark with raw HTML on and bare URLs linked. */
function rendered(markdown: string): string {
  return new MarkdownIt({ html: true, linkify: true }).render(markdown);
}

function assertInert(markdown: string): void {
  const html = rendered(markdown);
  assert.doesNotMatch(html, /<img|<script/i, 'no image or raw HTML from the package');
  assert.doesNotMatch(html, /<a\s/i, 'no link at all: the package text holds only links and bare URLs');
  assert.doesNotMatch(html, /<h1>/i, 'no heading from the package (the renderers use ## and below)');
  assert.doesNotMatch(html, /Heading from the package<\/h/);
  // outside code, @ and # are followed by a zero-width space: nothing to mention or reference
  const text = html.replace(/<code>[\s\S]*?<\/code>/g, '');
  assert.doesNotMatch(text, /@octocat|#1\b/);
  assert.ok(!markdown.includes(ESC) && !markdown.includes('\u0007') && !markdown.includes('\u202e'), 'no control characters');
  // a code span never ends early: every hostile fragment shows up whole (escaped) in some code element
  assert.match(html, /<code>[^<]*a`` b ``` c/);
}

describe('escaping of package strings', () => {
  it('scan Markdown: the hostile names stay text', () => {
    assertInert(renderMarkdown(hostileReport()));
  });

  it('diff Markdown: the hostile names stay text', () => {
    assertInert(renderDiffMarkdown(diffReports(sampleReport(), hostileReport()), { failOn: 'high' }));
  });

  it('vet Markdown: the hostile names stay text', () => {
    const report = hostileReport();
    const vet: VetResult = {
      schemaVersion: 1,
      kind: 'otel-audit-vet',
      spec: HOSTILE,
      package: { name: `evil-${HOSTILE}`, version: '1.0.0' },
      source: `local tarball ${HOSTILE}`,
      unpackedWith: 'node-tar',
      dependencies: { source: 'none', detail: HOSTILE },
      bench: { status: 'skipped', detail: HOSTILE },
      policy: { failOn: 'high', budgetNs: null },
      verdict: 'fail',
      reasons: [{ level: 'fail', code: 'finding', message: `high ${HOSTILE}` }],
      report,
      against: { spec: HOSTILE, package: { name: HOSTILE, version: '0.9.0' }, verdict: 'pass', diff: diffReports(sampleReport(), report) },
    };
    assertInert(renderVetMarkdown(vet));
    const terminal = renderVetTerminal(vet, { color: true });
    assert.ok(!terminal.includes(`${ESC}]`) && !terminal.includes(`${ESC}[2J`), 'no escape sequence from the package');
  });

  for (const color of [false, true]) {
    it(`terminal (${color ? 'colour' : 'NO_COLOR'}): control characters and escape sequences are shown escaped`, () => {
      for (const out of [renderTerminal(hostileReport(), { color, all: true }), renderDiffTerminal(diffReports(sampleReport(), hostileReport()), { failOn: 'high', color })]) {
        assert.ok(!out.includes(`${ESC}]`), 'no OSC sequence (clipboard, title)');
        assert.ok(!out.includes(`${ESC}[2J`), 'no clear screen');
        assert.ok(!out.includes('\u0007') && !out.includes('\u202e'));
        assert.ok(out.includes('\\x1b]52;c;ZXZpbA==\\x07'), 'the sequence is shown, escaped');
        // whatever colour codes remain are ours: SGR only
        for (const m of out.matchAll(/\u001b(.)/g)) assert.equal(m[1], '[');
        assert.doesNotMatch(out.replace(/\u001b\[[0-9;]*m/g, ''), /\u001b/);
      }
    });
  }

  it('the progress line shows a hostile package name escaped', () => {
    const line = renderProgress({ phase: 'analyse', done: 1, total: 2, current: `x${ESC}]0;owned\u0007` });
    assert.ok(!line.includes(ESC) && line.includes('\\x1b'));
  });
});
