// Picks the renderer for a --format. New formats (markdown, sarif, html) add a name to FORMATS and a
// case below; the CLI's --format choices come from FORMATS, so nothing else changes.
import type { Report } from './model.js';
import { renderJson } from './render-json.js';
import { renderTerminal, type TerminalOptions } from './render-terminal.js';

export const FORMATS = ['terminal', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions extends TerminalOptions {
  format: Format;
}

export function render(report: Report, options: RenderOptions): string {
  switch (options.format) {
    case 'json':
      return renderJson(report);
    case 'terminal':
      return renderTerminal(report, options);
  }
}
