// Picks the diff renderer for a --format. The HTML renderer is pure: its inputs (the viz.js bundle,
// the code excerpts) are read here.
import type { FailOn } from '../policy/exit-code.js';
import { loadVizScript } from '../report/html/viz-script.js';
import type { Report } from '../model/report.js';
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
  /** html: what the reports' relative paths are relative to (default: the working directory) */
  cwd?: string;
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
        vizScript: loadVizScript(),
        excerpts: loadDiffExcerpts(diff, options.cwd),
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.reports ? { base: options.reports.base, head: options.reports.head } : {}),
      });
  }
}
