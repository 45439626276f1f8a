// The diff page without a browser: the verdict on top, findings new → fixed → unchanged as the scan
// page's cards (graph, excerpt, fix), benchmark changes with base / head / change / margins, filters,
// hostile strings escaped, nothing fetched, and the same shell (styles, script) as the scan page.
// html-browser.test.ts draws it in chromium.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { audits } from '../../audits/index.js';
import { diffReports } from '../../src/diff/diff-reports.js';
import type { ReportDiff } from '../../src/diff/diff-model.js';
import { loadDiffExcerpts } from '../../src/diff/load-diff-excerpts.js';
import { DIFF_FORMATS, loadDiffRenderInputs, renderDiff } from '../../src/diff/render-diff.js';
import { renderDiffHtml } from '../../src/diff/render-diff-html.js';
import { loadVizScript } from '../../src/render-inputs/viz-script.js';
import type { Finding, Report } from '../../src/model/report.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { scan } from '../../src/scan/scan.js';
import { assertSelfContained, assertWellLinked, dataBlock, markup } from '../report/html-helpers.js';
import { bench, find, fixtureReport, shifted, withBenchmarks } from './diff-fixtures.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const HOSTILE = '</script><img src=x onerror=alert(1)><!-- \u2028\u2029 "\'&';

const base = fixtureReport();
const lookup = find(base, 'version-lookup', 'require.resolve');
const withoutLookup: Report = { ...base, findings: base.findings.filter((f) => f !== lookup) };
/** base without the lookup, head with it (new) and with the child-process call gone (fixed), lines shifted */
function pair(): { base: Report; head: Report; diff: ReportDiff } {
  const childProcess = find(base, 'child-process', 'child_process.execSync');
  const b = withBenchmarks(withoutLookup, [
    bench({ target: 'some-lib:Client.prototype.query', overhead: 1000 }),
    bench({ target: 'b:y', overhead: 2000, margin: 40 }),
    bench({ target: 'c:z', overhead: 5000 }),
  ]);
  const headFindings = shifted(base, 4).findings.filter((f) => !(f.ruleId === childProcess.ruleId && f.operation === childProcess.operation && f.frequency === 'per-call'));
  const h = withBenchmarks({ ...base, findings: headFindings }, [
    bench({ target: 'some-lib:Client.prototype.query', overhead: 3000 }),
    bench({ target: 'b:y', overhead: 2600, margin: 40 }),
    bench({ target: 'c:z', overhead: 2500 }),
    bench({ target: 'd:new', overhead: 800 }),
  ]);
  return { base: b, head: h, diff: diffReports(b, h) };
}

/** ids of the finding cards in page order, with their change */
const cardOrder = (html: string): string[] => [...html.matchAll(/<article class="finding [^"]*" id="(d-[^"]+)"[^>]*data-change="([a-z]+)"/g)].map((m) => `${m[2]}:${m[1]}`);

describe('renderDiffHtml', () => {
  it('is a --format of diff, and renderDiff() inlines the viz.js that loadDiffRenderInputs() read', async () => {
    assert.ok(DIFF_FORMATS.includes('html'));
    const { base: b, head: h, diff } = pair();
    const html = renderDiff(diff, { format: 'html', failOn: 'high', reports: { base: b, head: h }, ...(await loadDiffRenderInputs(diff)) });
    assert.ok(html.includes('graphvizVersion'), 'viz.js is inlined');
    assert.equal(html.match(/<\/script/gi)?.length, 4);
    assertSelfContained(html);
    assertWellLinked(html);
  });

  it('puts the verdict first, then findings new → fixed → unchanged (most severe first), each with its graph and fix', () => {
    const { base: b, head: h, diff } = pair();
    const html = renderDiffHtml(diff, { failOn: 'high', rules: audits, base: b, head: h });
    const page = markup(html);
    const at = (s: string): number => page.indexOf(s);
    assert.ok(at('id="diff-verdict"') < at('id="diff-findings"') && at('id="diff-findings"') < at('id="diff-benchmarks"'));
    assert.match(
      page,
      /<p class="verdict verdict-fail"><strong class="verdict-word"><span aria-hidden="true">✗<\/span> FAIL<\/strong> 1 new per-call finding at or above high, 1 overhead regression<\/p>/,
    );
    // the counts are buttons that set the filters
    assert.match(
      page,
      /<button type="button" class="stat" data-filter-form="diff-filters" data-set-change="new" data-set-frequency="per-call"[^>]*><span class="k">new per-call findings<\/span> <span class="n">1<\/span>/,
    );
    assert.match(page, /data-filter-form="bench-filters" data-set-verdict="regression"/);

    const order = cardOrder(html);
    assert.deepEqual(order.slice(0, 2), ['new:d-new-1', 'fixed:d-fixed-1']);
    assert.equal(order.length, diff.findings.new.length + diff.findings.fixed.length + diff.findings.unchanged.length);
    assert.ok(order.slice(2).every((x) => x.startsWith('unchanged:')));
    const severities = [...page.matchAll(/id="d-unchanged-\d+"[^>]*data-severity="([a-z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      severities,
      [...severities].sort((x, y) => ['high', 'medium', 'low', 'info'].indexOf(x!) - ['high', 'medium', 'low', 'info'].indexOf(y!)),
      'most severe first',
    );

    // the new card: the change as a word, the package name as its filter value, the graph, the fix, its hook's overhead change
    const card = /<article class="finding sev-high change-new" id="d-new-1"[\s\S]*?<\/article>/.exec(page)![0];
    assert.match(card, /data-package="fixture-tsc-cjs" data-rule="version-lookup" data-severity="high" data-frequency="per-call" data-suppressed="false" data-change="new"/);
    assert.match(card, /<h4 id="d-new-1-h"><span class="change-badge change-new"><span aria-hidden="true">\+<\/span> new<\/span> <span class="sev-badge sev-high">high<\/span>/);
    assert.match(card, /<div class="graph" data-graph="g-d-new-1" role="img" aria-label="Call path: wrap some-lib:Client\.prototype\.query/);
    assert.ok(card.includes('<strong>Fix:</strong> Look the version up once'));
    assert.ok(card.includes('<dt>overhead of its hook</dt><dd>1 µs → 3 µs per span (regression, +200.0%)</dd>'), card);
    const graphs = dataBlock(html, 'graph-data') as Record<string, string>;
    assert.match(graphs['g-d-new-1']!, /"\d\. require\.resolve"/);
    // a moved unchanged finding says where it was
    assert.match(page, /<span aria-hidden="true">=<\/span> moved<\/span>/);
    assert.match(page, /<dt>moved from<\/dt><dd><code>&lt;repo&gt;\/test\/fixtures\/packages\/tsc-cjs\/build\/src\/utils\.js:\d+<\/code><\/dd>/);
  });

  it('filters findings by package, rule, severity, change and frequency; hooks by package and verdict', () => {
    const { diff } = pair();
    const page = markup(renderDiffHtml(diff, { failOn: 'high', rules: audits }));
    const form = /<form class="filters" id="diff-filters"[\s\S]*?<\/form>/.exec(page)![0];
    assert.match(form, /data-items="#diff-findings article\.finding" data-groups="#diff-findings \.change-group"/);
    for (const key of ['package', 'rule', 'severity', 'change', 'frequency']) assert.match(form, new RegExp(`<select id="diff-filter-${key}" data-filter="${key}">`));
    assert.match(form, /<option value="fixture-tsc-cjs">fixture-tsc-cjs<\/option>/, 'packages by name: a bump keeps them together');
    assert.match(form, /<option value="new\|fixed">new or fixed<\/option>/);
    assert.match(form, /<option value="version-lookup">version-lookup — /);
    const benchForm = /<form class="filters" id="bench-filters"[\s\S]*?<\/form>/.exec(page)![0];
    assert.match(
      benchForm,
      /<select id="bench-filter-verdict" data-filter="verdict"><option value="">all hooks<\/option><option value="regression\|improvement">regression or improvement<\/option><option value="regression">regression<\/option><option value="improvement">improvement<\/option><option value="noise">within noise<\/option><option value="added">new hook<\/option><\/select>/,
    );
  });

  it("shows every hook's base and head overhead, the change, the margins and the verdict in words, regressions first", () => {
    const { head: h, diff } = pair();
    const page = markup(renderDiffHtml(diff, { failOn: 'high', head: h }));
    const rows = [...page.matchAll(/<tr class="bench-change v-([a-z-]+)" data-package="([^"]+)" data-verdict="[^"]+">([\s\S]*?)<\/tr>/g)];
    assert.deepEqual(
      rows.map((r) => r[1]),
      ['regression', 'improvement', 'noise', 'added'],
    );
    const cells = (row: string): string[] => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    assert.deepEqual(cells(rows[0]![3]!).slice(0, 7), [
      'fixture-tsc-cjs',
      'wrap some-lib:Client.prototype.query',
      '▲ regression',
      '1 µs',
      '3 µs',
      '+2 µs (+200.0%)',
      `±${diff.benchmarks!.find((x) => x.verdict === 'regression')!.noisePct!.toFixed(1)}%`,
    ]);
    assert.deepEqual(cells(rows[1]![3]!).slice(2, 6), ['▼ improvement', '5 µs', '2.5 µs', '−2.5 µs (-50.0%)']);
    assert.deepEqual(cells(rows[3]![3]!).slice(2, 6), ['+ new hook', '–', '800 ns', '–']);
    // bars on one scale (the largest is c:z's base plus its no-change zone), with the bare-span line of the head report
    assert.match(
      rows[0]![3]!,
      /<td class="change-bars" aria-hidden="true"><span class="cb base" style="width:[\d.]+%"><\/span><span class="cb head v-regression" style="width:[\d.]+%"><\/span><span class="zone" style="left:[\d.]+%;width:[\d.]+%"><\/span><span class="ref" style="left:[\d.]+%"><\/span><\/td>/,
    );
    assert.ok(page.includes('the dashed line is a bare span'));
  });

  it('says when benchmarks were not compared, and when nothing changed', () => {
    const page = markup(renderDiffHtml(diffReports(base, base), { failOn: 'high' }));
    assert.match(page, /verdict-pass"><strong class="verdict-word"><span aria-hidden="true">✓<\/span> OK<\/strong>/);
    assert.ok(page.includes('Not compared: one report or both have no benchmarks'));
    assert.ok(!page.includes('data-filter-form="bench-filters"'), 'no button for a filter that is not there');
    assert.ok(!page.includes('id="diff-new"'), 'no empty group');
    const empty = markup(renderDiffHtml(diffReports({ ...base, findings: [] }, { ...base, findings: [] }), { failOn: 'high' }));
    assert.ok(empty.includes('<p>Neither report has findings.</p>'));
    assertWellLinked(renderDiffHtml(diffReports({ ...base, findings: [] }, { ...base, findings: [] }), { failOn: 'high' }));
  });

  it('escapes hostile strings from scanned code in markup, attributes, JSON data and DOT', () => {
    const evil: Finding = {
      ...lookup,
      package: `evil${HOSTILE}@1.0.0`,
      message: `message ${HOSTILE}`,
      operation: `op ${HOSTILE}`,
      callPath: [{ function: `fn ${HOSTILE}\\N`, file: `file${HOSTILE}.js`, line: 3 }],
      hook: { id: 'h1', kind: 'wrap', target: `target ${HOSTILE}` },
    };
    const b = withBenchmarks(base, [bench({ target: `t${HOSTILE}`, overhead: 100, pkg: `evil${HOSTILE}@1.0.0` })]);
    const h = withBenchmarks({ ...base, findings: [...base.findings, evil] }, [bench({ target: `t${HOSTILE}`, overhead: 900, pkg: `evil${HOSTILE}@1.0.0` })]);
    const html = renderDiffHtml(diffReports(b, h), { failOn: 'high', vizScript: loadVizScript(), rules: audits, base: b, head: h });
    const page = markup(html);
    assert.doesNotMatch(page, /<img/i, 'no element injected');
    assert.ok(page.includes('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'), 'shown as text');
    assert.equal(html.match(/<\/script/gi)?.length, 4);
    assertSelfContained(html);
    assertWellLinked(html);
    const data = dataBlock(html, 'diff-data') as ReportDiff;
    assert.equal(data.findings.new[0]!.finding.message, `message ${HOSTILE}`);
    const dot = Object.values(dataBlock(html, 'graph-data') as Record<string, string>).find((d) => d.includes('fn '))!;
    assert.ok(dot.includes('fn </script><img src=x onerror=alert(1)><!-- \u2028\u2029 \\"\'&\\\\N'), dot);
  });

  it("is deterministic, and shares the scan page's shell (head, styles, script) instead of a copy", () => {
    const { base: b, head: h, diff } = pair();
    const a = renderDiffHtml(diff, { failOn: 'high', rules: audits, base: b, head: h });
    assert.equal(a, renderDiffHtml(pair().diff, { failOn: 'high', rules: audits, base: b, head: h }));
    const scanPage = renderHtml(h, { rules: audits });
    const style = (html: string): string => /<style>[\s\S]*?<\/style>/.exec(html)![0];
    const script = (html: string): string => html.slice(html.lastIndexOf('<script>'));
    assert.equal(style(a), style(scanPage));
    assert.equal(script(a), script(scanPage));
    const csp = (html: string): string => /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(html)![0];
    assert.equal(csp(a), csp(scanPage));
  });

  it("shows the code around new findings from the head's files; fixed ones only when the base is another folder", async () => {
    const dir = path.join(repoRoot, 'test/fixtures/packages/tsc-cjs');
    const head = await scan([dir], { now: () => 0 });
    const headLookup = head.findings.find((f) => f.ruleId === lookup.ruleId && f.operation === lookup.operation && f.frequency === 'per-call')!;
    const b: Report = { ...head, findings: head.findings.filter((f) => f !== headLookup) };
    const diff = diffReports(b, head);
    const html = renderDiffHtml(diff, { failOn: 'high', rules: audits, excerpts: loadDiffExcerpts(diff), base: b, head });
    const card = /<article class="finding sev-high change-new" id="d-new-1"[\s\S]*?<\/article>/.exec(html)![0];
    assert.match(card, /<mark><span class="ln" aria-hidden="true">\d+<\/span><span class="marker">▶<\/span>.*require\.resolve/, 'the TypeScript source around the operation');

    // the same folder on both sides holds the head's code: a fixed finding's lines would lie
    const reverse = diffReports(head, b);
    assert.equal(loadDiffExcerpts(reverse).size, loadDiffExcerpts({ ...reverse, findings: { ...reverse.findings, fixed: [] } }).size);
    const elsewhere: ReportDiff = { ...reverse, head: { ...reverse.head, roots: ['/nonexistent/head'] } };
    assert.ok(loadDiffExcerpts(elsewhere).size > 0, 'a base scanned from another folder is read');
  });
});
