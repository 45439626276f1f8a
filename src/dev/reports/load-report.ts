// `npm run reports` (and `-- --load-only`): the load test of the per-request-lookup demo with its
// default settings — reports/load.json (the report, normalised like scan.json: durations 0, paths
// relative, the ports otel-audit picked as 0), reports/load.html (the page) and
// reports/screenshot-load.png (its first screen, when chromium is installed). Its figures are
// measurements of the machine that ran it: they move from run to run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../model/report.js';
import { reportSchemaErrors } from '../../model/parse-report.js';
import { loadExcerpts } from '../../render-inputs/load-excerpts.js';
import { loadRuleInfo } from '../../render-inputs/load-rule-info.js';
import { loadVizScript } from '../../render-inputs/viz-script.js';
import { renderLoadReport } from '../../report/load/render-load.js';
import { renderJson } from '../../report/render-json.js';
import { normaliseReport } from './normalise-report.js';

export const LOAD_DEMO = 'per-request-lookup';
export const LOAD_JSON = 'load.json';
export const LOAD_HTML = 'load.html';
export const LOAD_SCREENSHOT = 'screenshot-load.png';

/** the ports differ every run and say nothing */
function withoutPorts(report: Report): Report {
  if (report.load === undefined) return report;
  return { ...report, load: { ...report.load, variants: report.load.variants.map((v) => ({ ...v, listening: { ...v.listening, port: 0 } })) } };
}

export async function generateLoadReport(outDir: string, repo: string, log: (line: string) => void): Promise<boolean> {
  const { load } = await import('../../load/load.js');
  log(`reports: load test of the ${LOAD_DEMO} demo (default settings, about a minute)`);
  const { report, profiles } = await load({ demo: LOAD_DEMO, cwd: repo });
  const normalised = withoutPorts(normaliseReport(report, repo));
  const problems = reportSchemaErrors(JSON.parse(JSON.stringify(normalised)));
  if (problems.length > 0) {
    log(`reports: the load report does not match the report schema:\n  ${problems.slice(0, 10).join('\n  ')}`);
    return false;
  }
  writeFileSync(path.join(outDir, LOAD_JSON), renderJson(normalised));
  const html = renderLoadReport(normalised, { format: 'html', variantProfiles: profiles, vizScript: loadVizScript(), rules: await loadRuleInfo(), excerpts: loadExcerpts(normalised, repo) });
  writeFileSync(path.join(outDir, LOAD_HTML), html);
  log(`reports: wrote ${outDir}/${LOAD_JSON} and ${outDir}/${LOAD_HTML}`);
  const { screenshotHtml } = await import('./screenshot-report.js');
  // taller than the scan's: the variants, the differences and the package bars
  const skipped = await screenshotHtml(html, path.join(outDir, LOAD_SCREENSHOT), 1500);
  log(skipped === null ? `reports: wrote ${outDir}/${LOAD_SCREENSHOT}` : `reports: ${skipped}`);
  return true;
}
