// `vet --format html`: the verdict and its reasons on top (finding reasons link to their cards), then
// the scan page's sections for the vetted package and, with --against, the diff page's sections — one
// self-contained page. As a pure renderer on a made-up result, and end to end on the packed fixtures
// (--offline --no-bench: never the network, never the package's code).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { audits } from '../../audits/index.js';
import { diffReports } from '../../src/diff/diff-reports.js';
import type { Report } from '../../src/model/report.js';
import { renderVet, VET_FORMATS } from '../../src/vet/render-vet.js';
import type { VetResult } from '../../src/vet/vet-model.js';
import { vetVerdict } from '../../src/vet/vet-verdict.js';
import { runCli } from '../cli/run-cli.js';
import { fixtureReport } from '../diff/diff-fixtures.js';
import { assertSelfContained, assertWellLinked, dataBlock, markup } from '../report/html-helpers.js';
import { CLEAN_DIR, pack, PER_CALL_DIR, REPO, tempDir } from './vet-helpers.js';

const HOSTILE = '</script><img src=x onerror=alert(1)><!-- "\'&';

function result(report: Report, against?: Report): VetResult {
  const policy = { failOn: 'high' as const, budgetNs: null, source: null };
  const bench = { status: 'skipped' as const, detail: 'bench skipped (--no-bench)' };
  const dependencies = { source: 'project' as const, detail: `resolved from ./node_modules ${HOSTILE}` };
  const { verdict, reasons } = vetVerdict({ report, bench, dependencies, policy });
  return {
    schemaVersion: 1,
    kind: 'otel-audit-vet',
    spec: `./fixture.tgz${HOSTILE}`,
    package: { name: 'fixture-tsc-cjs', version: '1.4.0' },
    source: 'local tarball ./fixture.tgz',
    unpackedWith: 'node-tar',
    dependencies,
    bench,
    policy,
    verdict,
    reasons,
    report,
    ...(against ? { against: { spec: 'fixture-tsc-cjs@1.3.0', package: { name: 'fixture-tsc-cjs', version: '1.3.0' }, verdict: 'pass' as const, diff: diffReports(against, report) } } : {}),
  };
}

describe('vet --format html (renderer)', () => {
  it('is a vet format: the verdict first, reasons linked to their finding cards, then the scan sections', () => {
    assert.ok(VET_FORMATS.includes('html'));
    const r = result(fixtureReport());
    const html = renderVet(r, 'html', { html: { rules: audits } });
    assertSelfContained(html);
    assertWellLinked(html);
    const page = markup(html);
    assert.match(
      page,
      /<p class="verdict verdict-fail"><strong class="verdict-word"><span aria-hidden="true">✗<\/span> FAIL<\/strong> <code>fixture-tsc-cjs@1\.4\.0<\/code> <span class="note">fails on per-call findings at or above high; no overhead budget<\/span><\/p>/,
    );
    const reasons = [...page.matchAll(/<li class="reason-(fail|warn)"><span class="level level-\1">\1<\/span> ([^<]*)(?:<a href="#(f-\d+)">show the finding<\/a>)?<\/li>/g)];
    assert.equal(reasons.length, r.reasons.length);
    for (const [, , , anchor] of reasons) {
      assert.ok(anchor, 'every finding reason links to its card');
      assert.match(page, new RegExp(`<article class="finding [^"]*" id="${anchor}"`));
    }
    const at = (s: string): number => page.indexOf(s);
    assert.ok(at('id="vet-verdict"') < at('id="overview"') && at('id="overview"') < at('id="findings"') && at('id="findings"') < at('id="errors"'));
    assert.ok(!page.includes('id="diff-verdict"'), 'no diff without --against');
    assert.doesNotMatch(page, /<img/i, 'hostile spec and details are text');
    assert.equal((dataBlock(html, 'vet-data') as VetResult).spec, r.spec);
  });

  it('with --against: the diff sections after the scan, headed by the version compared with', () => {
    const base = fixtureReport();
    const head: Report = { ...base, findings: base.findings.slice(1) };
    const html = renderVet(result(head, base), 'html', { html: { rules: audits } });
    assertSelfContained(html);
    assertWellLinked(html);
    const page = markup(html);
    assert.ok(page.indexOf('id="errors"') < page.indexOf('id="diff-verdict"'));
    assert.match(page, /<h2 id="diff-verdict-h" tabindex="-1">Compared with fixture-tsc-cjs@1\.3\.0<\/h2>/);
    assert.match(page, /<dt>compared with<\/dt><dd><a href="#diff-verdict">fixture-tsc-cjs@1\.3\.0<\/a> \(its own verdict: pass\)<\/dd>/);
    assert.match(page, /<article class="finding [^"]* change-fixed" id="d-fixed-1"/);
    // two filter forms, each over its own cards
    assert.match(page, /<form class="filters" id="filters"[^>]*data-items="#findings article\.finding"/);
    assert.match(page, /<form class="filters" id="diff-filters"[^>]*data-items="#diff-findings article\.finding"/);
  });
});

describe('otel-audit vet --format html', () => {
  let dir: string;
  let perCall: string;
  let clean: string;
  before(async () => {
    dir = tempDir();
    [perCall, clean] = await Promise.all([pack(PER_CALL_DIR, dir), pack(CLEAN_DIR, dir)]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const vet = (...args: string[]) => runCli(['vet', ...args, '--offline', '--no-bench'], { cwd: REPO });

  it('writes the page of a failing package (exit 1): verdict, reasons, the scan with graphs', async () => {
    const out = path.join(dir, 'vet.html');
    const r = await vet(perCall, '--format', 'html', '--output', out);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const html = readFileSync(out, 'utf8');
    assert.ok(html.includes('graphvizVersion'), 'viz.js inlined');
    assertSelfContained(html);
    assertWellLinked(html);
    const page = markup(html);
    assert.match(page, /<title>otel-audit vet: fixture-tsc-cjs@1\.4\.0<\/title>/);
    assert.match(page, /<span class="level level-fail">fail<\/span> high version-lookup: require\.resolve on every call[^<]*<a href="#f-\d+">show the finding<\/a>/);
    assert.match(page, /<div class="graph" data-graph="g-f-\d+" role="img" aria-label="Call path: wrap some-lib:Client\.prototype\.query/);
    assert.ok(page.includes('<strong>Fix:</strong>'));
    // the code around the operation, read from the vetted package before its temp folder went
    assert.match(page, /<figure class="excerpt"><figcaption><code>fixture-tsc-cjs@1\.4\.0\/[^<]+:\d+<\/code><\/figcaption><pre><code>/);
  });

  it('--against: the clean version against the per-call one passes (exit 0) and shows the fixed findings', async () => {
    const r = await vet(clean, '--against', perCall, '--format', 'html');
    assert.equal(r.code, 0, r.stderr);
    const page = markup(r.stdout);
    assert.match(page, /<p class="verdict verdict-pass"><strong class="verdict-word"><span aria-hidden="true">✓<\/span> PASS<\/strong> <code>fixture-tsc-cjs@1\.5\.0<\/code>/);
    assert.match(page, /<h2 id="diff-verdict-h" tabindex="-1">Compared with fixture-tsc-cjs@1\.4\.0<\/h2>/);
    assert.match(page, /<h3 id="diff-fixed-h">Fixed \(\d+\)<\/h3>/);
    assert.match(page, /<tr><th scope="row">fixture-tsc-cjs<\/th><td><code>1\.4\.0<\/code><\/td><td><code>1\.5\.0<\/code><\/td><td>version changed<\/td><\/tr>/);
    assertWellLinked(r.stdout);
  });
});
