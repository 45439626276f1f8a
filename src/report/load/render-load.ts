// Picks the renderer of a load report for a --format: terminal, json (the report model as it is),
// markdown, html. The HTML page's inputs that are not in the report (the profiles, viz.js, rules,
// excerpts) are read by the caller.
import type { Report } from '../../model/report.js';
import { renderJson } from '../render-json.js';
import { renderLoadHtml, type LoadHtmlOptions } from './render-load-html.js';
import { renderLoadMarkdown } from './render-load-markdown.js';
import { renderLoadTerminal } from './render-load-terminal.js';

export const LOAD_FORMATS = ['terminal', 'json', 'markdown', 'html'] as const;
export type LoadFormat = (typeof LOAD_FORMATS)[number];

export interface LoadRenderOptions extends LoadHtmlOptions {
  format: LoadFormat;
  color?: boolean;
}

export function renderLoadReport(report: Report, o: LoadRenderOptions): string {
  switch (o.format) {
    case 'json':
      return renderJson(report);
    case 'terminal':
      return renderLoadTerminal(report, { color: o.color ?? false });
    case 'markdown':
      return renderLoadMarkdown(report);
    case 'html':
      return renderLoadHtml(report, o);
  }
}
