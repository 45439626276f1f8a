// A few lines of source around a location, as the finding cards show them. Pure: the loader
// (load-excerpts.ts) reads the files, this cuts the text.

export interface Excerpt {
  /** the path shown (relative to the working directory, `/` separators) */
  path: string;
  /** the line the excerpt is about, 1-based */
  line: number;
  /** line number of lines[0] */
  start: number;
  lines: string[];
}

/** lines before and after the one that matters: enough to see the enclosing statement */
const CONTEXT = 3;
/** longer lines are cut: minified bundles put a whole file on one line */
const MAX_LINE = 160;

export const excerptKey = (path: string, line: number): string => `${path}:${line}`;

/** The lines around `line` (1-based) of `text`, or null when the file has no such line. */
export function sliceExcerpt(path: string, text: string, line: number, column?: number): Excerpt | null {
  const all = text.split(/\r?\n/);
  if (line < 1 || line > all.length) return null;
  const start = Math.max(1, line - CONTEXT);
  const end = Math.min(all.length, line + CONTEXT);
  const raw = all.slice(start - 1, end).map((l) => l.replace(/\t/g, '  '));
  // the indentation the lines share is dropped: deep nesting would push the operation out of view
  const indent = Math.min(...raw.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const lines = raw.map((l, i) => cut(l.slice(indent), start + i === line && column !== undefined ? column - indent : undefined));
  return { path, line, start, lines };
}

/** a long line shortened to MAX_LINE characters; around `column` when it is the operation's line */
function cut(text: string, column: number | undefined): string {
  if (text.length <= MAX_LINE) return text;
  if (column === undefined || column <= MAX_LINE / 2) return `${text.slice(0, MAX_LINE - 1)}…`;
  const from = Math.min(column - 1 - MAX_LINE / 2, text.length - (MAX_LINE - 2));
  const to = from + MAX_LINE - 2;
  return `…${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}
