// Picks the diff renderer for a --format.
import type { FailOn } from '../policy/exit-code.js';
import type { ReportDiff } from './diff-model.js';
import { renderDiffJson } from './render-diff-json.js';
import { renderDiffMarkdown } from './render-diff-markdown.js';
import { renderDiffTerminal } from './render-diff-terminal.js';

export const DIFF_FORMATS = ['terminal', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffRenderOptions {
  format: DiffFormat;
  failOn: FailOn;
  color?: boolean;
  fixes?: Readonly<Record<string, string>>;
}

export function renderDiff(diff: ReportDiff, options: DiffRenderOptions): string {
  switch (options.format) {
    case 'json':
      return renderDiffJson(diff);
    case 'markdown':
      return renderDiffMarkdown(diff, { failOn: options.failOn, ...(options.fixes ? { fixes: options.fixes } : {}) });
    case 'terminal':
      return renderDiffTerminal(diff, { failOn: options.failOn, color: options.color ?? false });
  }
}
