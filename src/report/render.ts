// Picks the renderer for a --format. New formats (html) add a name to FORMATS and a case below; the
// CLI's --format choices come from FORMATS, so nothing else changes.
import type { Report } from '../model/report.js';
import { loadExcerpts } from './html/load-excerpts.js';
import { loadProfiles } from './html/load-profiles.js';
import { loadVizScript } from './html/viz-script.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { renderTerminal, type TerminalOptions } from './render-terminal.js';
import type { RuleInfo } from './rule-info.js';

export const FORMATS = ['terminal', 'json', 'markdown', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** formats that describe rules (title, fix, help): the caller loads the registry for them */
export const FORMATS_WITH_RULES: readonly Format[] = ['markdown', 'sarif', 'html'];

export interface RenderOptions extends TerminalOptions {
  format: Format;
  /** rule metadata for markdown and sarif (see loadRuleInfo) */
  rules?: readonly RuleInfo[];
  /** sarif: the folder URIs are relative to (default: cwd) */
  sarifRoot?: string;
  /** sarif: what relative paths are relative to (default: the process's working directory) */
  cwd?: string;
}

export function render(report: Report, options: RenderOptions): string {
  switch (options.format) {
    case 'json':
      return renderJson(report);
    case 'terminal':
      return renderTerminal(report, options);
    case 'markdown':
      return renderMarkdown(report, options);
    case 'sarif':
      return renderSarif(report, options);
    case 'html': {
      // renderHtml is pure; its inputs (the viz.js bundle, the source excerpts, the hooks' CPU profiles) are read here
      const { report: withProfiles } = loadProfiles(report, options.cwd);
      return renderHtml(withProfiles, { vizScript: loadVizScript(), excerpts: loadExcerpts(report, options.cwd), ...(options.rules ? { rules: options.rules } : {}) });
    }
  }
}
