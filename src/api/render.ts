// Picks the renderer for a --format, and gathers what the renderers take as inputs. `render` is pure
// (report and inputs in, string out); `loadRenderInputs` is the one place that reads what a format
// needs from outside the report — the rule registry, the code around findings, the hooks' CPU
// profiles, the viz.js bundle — so that every renderer stays a pure function of its inputs.
import type { Profiler } from 'node:inspector';
import type { Report } from '../model/report.js';
import type { HookProfile } from '../profile/as-profile.js';
import { loadExcerpts } from '../render-inputs/load-excerpts.js';
import { loadProfiles, loadVariantProfiles } from '../render-inputs/load-profiles.js';
import { loadRuleInfo } from '../render-inputs/load-rule-info.js';
import { loadVizScript } from '../render-inputs/viz-script.js';
import type { Excerpt } from '../report/html/excerpt.js';
import { renderHtml } from '../report/html/render-html.js';
import { renderLoadReport } from '../report/load/render-load.js';
import { renderJson } from '../report/render-json.js';
import { renderMarkdown } from '../report/render-markdown.js';
import { renderSarif } from '../report/render-sarif.js';
import { renderTerminal, type TerminalOptions } from '../report/render-terminal.js';
import type { RuleInfo } from '../report/rule-info.js';

export const FORMATS = ['terminal', 'json', 'markdown', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** formats that describe rules (title, fix, help): the caller loads the registry for them */
export const FORMATS_WITH_RULES: readonly Format[] = ['markdown', 'sarif', 'html'];

/** What renderers read besides the report; absent parts are simply not shown. */
export interface RenderInputs {
  /** rule metadata for markdown, sarif and html */
  rules?: readonly RuleInfo[];
  /** html: code around each finding's operation, `path:line` → excerpt */
  excerpts?: ReadonlyMap<string, Excerpt>;
  /** html: CPU profiles of benchmarked hooks */
  profiles?: readonly HookProfile[];
  /** html: the browser build of @viz-js/viz */
  vizScript?: string;
  /** html of a load report: each variant's CPU profile under load, by variant id */
  variantProfiles?: ReadonlyMap<string, Profiler.Profile>;
}

export interface RenderOptions extends TerminalOptions, RenderInputs {
  format: Format;
  /** sarif: the folder URIs are relative to (default: cwd) */
  sarifRoot?: string;
  /** sarif: what relative paths are relative to (default: the process's working directory) */
  cwd?: string;
}

export function render(report: Report, options: RenderOptions): string {
  // a load report has views of its own (it has no SARIF: its findings render as any scan's)
  if (report.load !== undefined && options.format !== 'sarif') return renderLoadReport(report, { ...options, format: options.format });
  switch (options.format) {
    case 'json':
      return renderJson(report);
    case 'terminal':
      return renderTerminal(report, options);
    case 'markdown':
      return renderMarkdown(report, options);
    case 'sarif':
      return renderSarif(report, options);
    case 'html':
      return renderHtml(report, options);
  }
}

/** Reads what `format` needs to render `report` (files relative to `cwd`). */
export async function loadRenderInputs(report: Report, format: Format, cwd: string = process.cwd()): Promise<RenderInputs> {
  const rules = FORMATS_WITH_RULES.includes(format) ? await loadRuleInfo() : undefined;
  if (format !== 'html') return rules ? { rules } : {};
  return {
    ...(rules ? { rules } : {}),
    vizScript: loadVizScript(),
    excerpts: loadExcerpts(report, cwd),
    profiles: loadProfiles(report, cwd).profiles,
    ...(report.load !== undefined ? { variantProfiles: loadVariantProfiles(report, cwd) } : {}),
  };
}

/** Reads what `format` needs and renders: the one call a library user wants (the CLI does the same). */
export async function renderReport(report: Report, options: RenderOptions): Promise<string> {
  const inputs = await loadRenderInputs(report, options.format, options.cwd);
  return render(report, { ...inputs, ...options });
}
