// The HTML report in a real browser (Debian's chromium, headless, driven by playwright-core): the report
// of a fixture scan is opened from a file, Graphviz (viz.js, WebAssembly) draws the call paths, and the
// test asserts on the rendered DOM — graph nodes with the expected labels, filters that change what is
// shown, keyboard moves — and that nothing was logged as an error or fetched from the network.
// Without /usr/bin/chromium the test is skipped with the reason (.ci/run installs it).
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { audits } from '../../audits/index.js';
import { scan } from '../../src/scan.js';
import { render } from '../../src/report/render.js';

const CHROMIUM = '/usr/bin/chromium';
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = path.join(repoRoot, 'test-output');

const visibleCards = (page: Page): Promise<number> => page.locator('article.finding:visible').count();

async function withReportPage(t: TestContext, run: (page: Page, problems: string[]) => Promise<void>): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    t.skip(`chromium not installed: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does it)`);
    return;
  }
  const report = await scan([path.join(repoRoot, 'test/fixtures/packages/tsc-cjs')], { now: () => 0 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-html-'));
  const file = path.join(dir, 'report.html');
  await writeFile(file, render(report, { format: 'html', rules: audits }));
  // launch() gives every run a fresh, empty profile of its own
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.documentElement.dataset.graphs?.startsWith('done') === true, null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.graphs), 'done');
    await run(page, problems);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('HTML report in chromium', () => {
  it('draws every call path with Graphviz, filters the findings, and logs no errors', { timeout: 180_000 }, async (t) => {
    await withReportPage(t, async (page) => {
      // the screenshot first: when an assertion fails, the artifact shows what the page looked like
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'html-report-tsc-cjs.png'), fullPage: true });

      // the default view: the 6 per-call findings of the fixture (3 high, 2 low, 1 info) out of 18
      assert.equal(await visibleCards(page), 6);
      assert.equal(await page.locator('#filter-status').textContent(), 'Showing 6 of 18 findings.');

      // every graph is drawn: an SVG with a node per step (hook, functions, operation)
      const graphs = page.locator('[data-graph]');
      const graphCount = await graphs.count();
      assert.equal(graphCount, 18);
      assert.equal(await page.locator('[data-graph] > svg').count(), graphCount);
      assert.equal(await page.locator('.graph-error').count(), 0);

      // the version lookup: hook → patchedQuery → getPackageVersion → require.resolve, with file:line
      const card = page.locator('article.finding', { has: page.locator('.rule-id', { hasText: 'version-lookup' }) }).filter({ hasText: 'require.resolve runs on every call' });
      assert.equal(await card.count(), 1);
      const nodeText = await card.locator('g.node').evaluateAll((nodes) => nodes.map((n) => [...n.querySelectorAll('text')].map((x) => x.textContent).join(' | ')));
      assert.deepEqual(nodeText, [
        'hook: wrap some-lib:Client.prototype.query | build/src/instrumentation.js:47',
        'patchedQuery | build/src/instrumentation.js:81 | [src/instrumentation.ts:114]',
        'getPackageVersion | build/src/utils.js:22 | [src/utils.ts:16]',
        'operation: require.resolve | build/src/utils.js:22:30 | [src/utils.ts:16]',
      ]);
      const titles = await card.locator('g.node > title').allTextContents();
      assert.deepEqual(titles, ['1. wrap some-lib:Client.prototype.query', '2. patchedQuery', '3. getPackageVersion', '4. require.resolve']);
      assert.equal(await card.locator('g.edge').count(), 3);
      // the drawn graph replaces the text list for sighted readers; its label carries the path for screen readers
      assert.equal(await card.locator('.path-steps').isVisible(), false);
      assert.match((await card.locator('[data-graph]').getAttribute('aria-label')) ?? '', /^Call path: wrap some-lib:Client\.prototype\.query .* → require\.resolve/);
      assert.match((await card.locator('mark').first().textContent()) ?? '', /require\.resolve/);

      // filters: rule, severity, frequency, package, text, and reset
      await page.selectOption('#filter-rule', 'child-process');
      assert.equal(await visibleCards(page), 1);
      await page.selectOption('#filter-rule', '');
      await page.selectOption('#filter-severity', 'high');
      assert.equal(await visibleCards(page), 3);
      assert.equal(await page.locator('article.finding:visible .sev-badge').allTextContents().then((b) => b.join(',')), 'high,high,high');
      await page.selectOption('#filter-severity', '');
      await page.selectOption('#filter-frequency', '');
      assert.equal(await visibleCards(page), 18);
      await page.selectOption('#filter-frequency', 'init');
      assert.ok((await visibleCards(page)) > 0 && (await visibleCards(page)) < 18);
      await page.selectOption('#filter-frequency', 'per-call');
      await page.fill('#filter-text', 'getContainerId');
      assert.equal(await visibleCards(page), 1);
      await page.fill('#filter-text', 'no such thing anywhere');
      assert.equal(await visibleCards(page), 0);
      assert.equal(await page.locator('#no-match').isVisible(), true);
      await page.click('button[type=reset]');
      await page.waitForFunction(() => document.getElementById('filter-status')?.textContent === 'Showing 6 of 18 findings.');

      // an overview button sets a filter and moves focus to the findings
      await page.click('button[data-set-severity="low"]');
      assert.equal(await visibleCards(page), 2);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'findings-h');
      await page.click('button[data-set-package="fixture-tsc-cjs@1.4.0"]');
      assert.equal(await visibleCards(page), 6);
    });
  });

  it('is usable from the keyboard: skip link, focusable cards, j / k between visible cards', { timeout: 180_000 }, async (t) => {
    await withReportPage(t, async (page) => {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to findings');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'findings-h');

      const ids = await page.locator('article.finding:visible').evaluateAll((cards) => cards.map((c) => c.id));
      await page.focus(`#${ids[0]}`);
      await page.keyboard.press('j');
      assert.equal(await page.evaluate(() => document.activeElement?.id), ids[1]);
      await page.keyboard.press('k');
      assert.equal(await page.evaluate(() => document.activeElement?.id), ids[0]);
      // every card says its severity in words, not only in colour
      const badges = await page.locator('article.finding:visible .sev-badge').allTextContents();
      assert.deepEqual(badges, ['high', 'high', 'high', 'low', 'low', 'info']);

      // print: the controls go, the cards stay
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('form.filters').isVisible(), false);
      assert.equal(await visibleCards(page), 6);
    });
  });
});
