// Picks the diff renderer for a --format. Pure, like every renderer: the HTML page's inputs (the
// viz.js bundle, the code excerpts, the rules) are read by loadDiffRenderInputs, beside it.
import type { FailOn } from '../policy/exit-code.js';
import { loadRuleInfo } from '../render-inputs/load-rule-info.js';
import { loadVizScript } from '../render-inputs/viz-script.js';
import type { Report } from '../model/report.js';
import type { Excerpt } from '../report/html/excerpt.js';
import type { RuleInfo } from '../report/rule-info.js';
import type { ReportDiff } from './diff-model.js';
import { loadDiffExcerpts } from './load-diff-excerpts.js';
import { renderDiffHtml } from './render-diff-html.js';
import { renderDiffJson } from './render-diff-json.js';
import { renderDiffMarkdown } from './render-diff-markdown.js';
import { renderDiffTerminal } from './render-diff-terminal.js';

export const DIFF_FORMATS = ['terminal', 'json', 'markdown', 'html'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffRenderOptions {
  format: DiffFormat;
  failOn: FailOn;
  color?: boolean;
  fixes?: Readonly<Record<string, string>>;
  /** html: rule titles and fix advice (loadRuleInfo) */
  rules?: readonly RuleInfo[];
  /** html: the two reports, for hook locations, cost tables, measured costs and the bare span */
  reports?: { base: Report; head: Report };
  /** html: the browser build of @viz-js/viz */
  vizScript?: string;
  /** html: code around the findings, `path:line` → excerpt */
  excerpts?: ReadonlyMap<string, Excerpt>;
}

/** What the html page of a diff shows besides the diff: read from the reports' folders (relative to `cwd`). */
export async function loadDiffRenderInputs(diff: ReportDiff, cwd: string = process.cwd()): Promise<Pick<DiffRenderOptions, 'rules' | 'vizScript' | 'excerpts'>> {
  return { rules: await loadRuleInfo(), vizScript: loadVizScript(), excerpts: loadDiffExcerpts(diff, cwd) };
}

export function renderDiff(diff: ReportDiff, options: DiffRenderOptions): string {
  switch (options.format) {
    case 'json':
      return renderDiffJson(diff);
    case 'markdown':
      return renderDiffMarkdown(diff, { failOn: options.failOn, ...(options.fixes ? { fixes: options.fixes } : {}) });
    case 'terminal':
      return renderDiffTerminal(diff, { failOn: options.failOn, color: options.color ?? false });
    case 'html':
      return renderDiffHtml(diff, {
        failOn: options.failOn,
        ...(options.vizScript !== undefined ? { vizScript: options.vizScript } : {}),
        ...(options.excerpts ? { excerpts: options.excerpts } : {}),
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.reports ? { base: options.reports.base, head: options.reports.head } : {}),
      });
  }
}
