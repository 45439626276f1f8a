// The README's picture of the HTML report: reports/scan.json rendered as the html format would, opened
// in Debian's chromium (headless, driven by playwright-core, a devDependency — this is a maintainer's
// script, never part of the CLI) once every graph is drawn, and the first screen saved as a PNG.
// Without chromium it says so and leaves the committed picture alone.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Report } from '../../model/report.js';
import { loadRenderInputs, render } from '../../api/render.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Writes `out` and returns null, or returns why it could not (no chromium). */
export async function screenshotReport(report: Report, out: string, cwd: string): Promise<string | null> {
  if (!existsSync(CHROMIUM)) return `chromium not installed (${CHROMIUM}): screenshot left as it was`;
  return screenshotHtml(render(report, { format: 'html', cwd, ...(await loadRenderInputs(report, 'html', cwd)) }), out);
}

/** Any otel-audit page (the load report's too): opened in chromium, the first `height` pixels saved once every graph is drawn. */
export async function screenshotHtml(html: string, out: string, height = 1000): Promise<string | null> {
  if (!existsSync(CHROMIUM)) return `chromium not installed (${CHROMIUM}): screenshot left as it was`;
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-shot-'));
  const file = path.join(dir, 'report.html');
  await writeFile(file, html);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height } });
    await page.goto(pathToFileURL(file).href);
    // the page marks <html data-graphs="done"> when viz.js has drawn every graph
    await page.waitForFunction(() => document.documentElement.dataset.graphs?.startsWith('done') === true, null, { timeout: 120_000 });
    await page.screenshot({ path: out });
    return null;
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
