// The HTML report without a browser: self-contained (nothing fetched), hostile strings from scanned code
// escaped in every context, deterministic, and read defensively when a report carries bench data or
// profiles (or malformed versions of them). The browser test (html-browser.test.ts) checks the drawing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { audits } from '../../audits/index.js';
import { scan } from '../../src/scan/scan.js';
import type { Finding, Report } from '../../src/model/report.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { FORMATS, FORMATS_WITH_RULES, loadRenderInputs, render } from '../../src/api/render.js';
import { asProfile } from '../../src/profile/as-profile.js';
import { inlineScript, scriptJson } from '../../src/report/html/escape.js';
import { sliceExcerpt } from '../../src/report/html/excerpt.js';
import { flameGraphSvg } from '../../src/report/html/flame-graph.js';
import { loadVizScript } from '../../src/render-inputs/viz-script.js';
import { assertSelfContained, assertWellLinked } from './html-helpers.js';
import { perCallSyncFs, sampleReport } from './sample-report.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** the text of the `<script type="application/json" id="…">` block */
function dataBlock(html: string, id: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  assert.ok(m, `data block #${id}`);
  return JSON.parse(m[1]!);
}

/** the page without its inline scripts: what the HTML parser reads as markup */
const markup = (html: string): string => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');

const HOSTILE = '</script><img src=x onerror=alert(1)><!-- \u2028\u2029 "\'&';

function hostileReport(): Report {
  const r = sampleReport();
  const evil: Finding = {
    ...perCallSyncFs,
    message: `message ${HOSTILE}`,
    operation: `op ${HOSTILE}`,
    callPath: [{ function: `fn ${HOSTILE}\\N`, file: `file${HOSTILE}.js`, line: 3 }],
    hook: { id: 'h1', kind: 'wrap', target: `target ${HOSTILE}` },
  };
  return { ...r, findings: [evil, ...r.findings], errors: [{ package: HOSTILE, file: HOSTILE, message: HOSTILE, kind: 'parse' }] };
}

describe('renderHtml', () => {
  it('is self-contained: no external scripts, styles or URLs, a CSP that forbids fetching', () => {
    const html = renderHtml(sampleReport(), { vizScript: loadVizScript(), rules: audits });
    const page = markup(html);
    assert.doesNotMatch(page, /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    assert.doesNotMatch(page, /<script\b[^>]*\bsrc\s*=/i);
    assert.doesNotMatch(page, /<link\b/i);
    assert.doesNotMatch(page, /@import|url\(\s*["']?https?:/i);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    // neither falls back to default-src: forms and <base> are refused on their own
    assert.match(page, /form-action 'none'; base-uri 'none'/);
    // the viz.js bundle is inlined, and the whole thing has exactly the four script elements it means to
    assert.ok(html.includes('graphvizVersion'), 'viz.js is inlined');
    assert.equal(html.match(/<\/script/gi)?.length, 4);
  });

  it('escapes hostile strings from scanned code in markup, attributes, JSON data and DOT', () => {
    const report = hostileReport();
    const html = renderHtml(report, { vizScript: loadVizScript(), rules: audits });
    const page = markup(html);
    assert.doesNotMatch(page, /<img/i, 'no element injected');
    assert.ok(page.includes('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'), 'shown as text');
    // scripts end only where they are meant to: 4 script elements, and the data blocks parse back intact
    assert.equal(html.match(/<\/script/gi)?.length, 4);
    const data = dataBlock(html, 'report-data') as Report;
    assert.equal(data.findings[0]!.message, `message ${HOSTILE}`);
    const graphs = dataBlock(html, 'graph-data') as Record<string, string>;
    const dot = Object.values(graphs).find((d) => d.includes('fn '))!;
    // DOT strings: quotes and backslashes escaped, so `\N` stays text and a label cannot end early
    assert.ok(dot.includes('fn </script><img src=x onerror=alert(1)><!-- \u2028\u2029 \\"\'&\\\\N'), dot);
    for (const block of html.match(/<script type="application\/json"[^>]*>[^<]*/g)!) {
      assert.doesNotMatch(block.slice(block.indexOf('>') + 1), /[<>&\u2028\u2029]/);
    }
  });

  it('has unique ids, and every link, label, graph and filter reference resolves', async () => {
    const report = await scan([path.join(repoRoot, 'test/fixtures/packages/tsc-cjs')], { now: () => 0 });
    const html = render(report, { format: 'html', rules: audits });
    assertSelfContained(html);
    assertWellLinked(html);
    assertWellLinked(renderHtml(hostileReport(), { rules: audits }));
  });

  it('keeps inline scripts from ending early', () => {
    assert.equal(inlineScript('a("</script>", /<!--/u, "</SCRIPT")'), 'a("\\x3C/script>", /\\x3C!--/u, "\\x3C/SCRIPT")');
    assert.equal(scriptJson({ s: '</script>\u2028&' }), '{"s":"\\u003c/script\\u003e\\u2028\\u0026"}');
  });

  it('is deterministic: the same report gives the same page', async () => {
    const dir = path.join(repoRoot, 'test/fixtures/packages/tsc-cjs');
    const a = render(await scan([dir], { now: () => 0 }), { format: 'html', rules: audits });
    const b = render(await scan([dir], { now: () => 0 }), { format: 'html', rules: audits });
    assert.equal(a, b);
    assert.equal(renderHtml(sampleReport(), { rules: audits }), renderHtml(sampleReport(), { rules: audits }));
  });

  it('is a --format that loads rule metadata, and loadRenderInputs() reads the excerpts and viz.js that render() draws', async () => {
    assert.ok(FORMATS.includes('html'));
    assert.ok(FORMATS_WITH_RULES.includes('html'));
    const report = await scan([path.join(repoRoot, 'test/fixtures/packages/tsc-cjs')], { now: () => 0 });
    const inputs = await loadRenderInputs(report, 'html');
    assert.deepEqual(
      inputs.rules?.map((r) => r.id),
      audits.map((a) => a.id),
    );
    const html = render(report, { format: 'html', ...inputs });
    assert.ok(!render(report, { format: 'html' }).includes('graphvizVersion'), 'render() itself reads nothing');
    assert.ok(html.includes('graphvizVersion'));
    // the excerpt around the version lookup, from the original TypeScript (the source map's target)
    assert.match(html, /<mark><span class="ln" aria-hidden="true">\d+<\/span><span class="marker">▶<\/span>.*require\.resolve/);
    assert.ok(html.includes('<strong>Fix:</strong> Look the version up once'));
  });

  it('ranks packages by per-call findings without benchmarks, by overhead against the bare span with them', () => {
    const plain = renderHtml(sampleReport());
    assert.ok(plain.includes('Packages by per-call findings'));
    assert.ok(!plain.includes('id="benchmarks"'));
    assert.ok(!plain.includes('id="profiles"'));
    const benched = renderHtml({
      ...sampleReport(),
      reference: { bareSpanNs: 1_000 },
      benchmarks: [
        {
          package: '@opentelemetry/instrumentation-a@1.0.0',
          hook: { id: 'h1', kind: 'wrap', target: 'pg:Client.prototype.query' },
          status: 'measured',
          reason: null,
          spansPerCall: 1,
          baselineNsPerCall: 10,
          instrumentedNsPerCall: 15_010,
          unsampledNsPerCall: 20,
          overheadNsPerSpan: 15_000,
          marginPct: 1,
          samples: 50,
          opsPerCall: { 'fs.readFileSync': 1 },
        },
        {
          package: 'pkg-c@2.0.0',
          hook: null,
          status: 'failed',
          reason: 'threw on load',
          spansPerCall: null,
          baselineNsPerCall: null,
          instrumentedNsPerCall: null,
          unsampledNsPerCall: null,
          overheadNsPerSpan: null,
          marginPct: null,
          samples: null,
          opsPerCall: {},
        },
      ],
    });
    assert.ok(benched.includes('Packages by measured overhead per span'));
    assert.match(benched, /<span class="bar" style="width:100\.00%"><\/span><span class="ref" style="left:6\.67%"><\/span>/);
    assert.ok(benched.includes('15 µs · 15× a bare span'));
    assert.ok(benched.includes('<dt>measured</dt><dd>15 µs per span for this hook (15× a bare span)</dd>'), "the card shows its hook's cost");
    assert.ok(benched.includes('threw on load'));
  });

  it('draws the profiles it is given; asProfile refuses malformed ones', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] },
        { id: 2, callFrame: { functionName: 'patchedQuery', scriptId: '1', url: 'node:x', lineNumber: 3, columnNumber: 1 }, children: [3, 4] },
        { id: 3, callFrame: { functionName: 'readFileSync', scriptId: '2', url: 'node:fs', lineNumber: 9, columnNumber: 1 }, children: [] },
        { id: 4, callFrame: { functionName: 'getVersion', scriptId: '3', url: 'node:y', lineNumber: 1, columnNumber: 1 }, children: [99] },
      ],
      startTime: 0,
      endTime: 10,
      samples: [2, 3, 3, 3, 4, 99],
    };
    const read = asProfile(profile);
    assert.ok(read !== null);
    assert.equal(asProfile({ nodes: 'no' }), null);
    assert.equal(asProfile({ nodes: [{ id: 'x' }] }), null);
    const html = renderHtml(sampleReport(), { profiles: [{ label: 'p@1 wrap:x', profile: read }] });
    assert.ok(html.includes('<h3 id="profile-0-h">p@1 wrap:x</h3>'));
    const dot = Object.values(dataBlock(html, 'graph-data') as Record<string, string>).find((d) => d.startsWith('digraph profile'));
    assert.ok(dot?.includes('readFileSync'), 'the call graph of the profile');

    const svg = flameGraphSvg(profile, 'p');
    assert.equal(svg, flameGraphSvg(profile, 'p'));
    assert.match(svg, /<title>readFileSync \(node:fs:10\): 60\.00% total, 60\.00% self<\/title>/);
    assert.match(svg, /<text[^>]*>all \(5 samples\)<\/text>/, 'a sample of an unknown node is dropped');
  });

  it('cuts excerpts around the operation on long (minified) lines', () => {
    const long = `${'x'.repeat(500)}require('a')${'y'.repeat(500)}`;
    const e = sliceExcerpt('f.js', `a\nb\n${long}\nc`, 3, 501)!;
    assert.equal(e.start, 1);
    assert.equal(e.lines.length, 4);
    assert.ok(e.lines[2]!.includes("require('a')"));
    assert.ok(e.lines[2]!.length <= 160);
    assert.equal(sliceExcerpt('f.js', 'a', 5), null);
  });
});
