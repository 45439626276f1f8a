// From V8's block coverage of some calls to what the scan asks about: for each position (a finding's
// operation, a call path's first step), how many times per call the innermost block holding it ran,
// and how many times its function did. Pure: the scripts' sources come from the caller.
import { fileURLToPath } from 'node:url';
import type { SitePosition } from '../protocol/child-protocol.js';
import type { ScriptCoverage } from './precise-coverage.js';

export interface SiteCount {
  index: number;
  perCall: number;
  functionPerCall: number;
}

/** Offsets of each line's first character (UTF-16 code units, like V8's and the TypeScript scanner's). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function fileOf(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return undefined;
    }
  }
  // CommonJS modules are reported by path
  return url.startsWith('/') || /^[A-Za-z]:[\\/]/.test(url) ? url : undefined;
}

/**
 * Per-call counts of the positions whose function ran in `calls` calls. `sourceOf(file)` gives a
 * script's source as V8 compiled it (a BOM stripped); positions in files without coverage, or whose
 * function never ran, are left out (they ran 0 times).
 */
export function siteCounts(scripts: readonly ScriptCoverage[], sites: readonly SitePosition[], calls: number, sourceOf: (file: string) => string | undefined): SiteCount[] {
  const byFile = new Map<string, number[]>();
  sites.forEach((s, i) => byFile.set(s.file, [...(byFile.get(s.file) ?? []), i]));
  const out: SiteCount[] = [];
  for (const script of scripts) {
    const file = fileOf(script.url);
    const wanted = file === undefined ? undefined : byFile.get(file);
    if (wanted === undefined) continue;
    const text = sourceOf(file!);
    if (text === undefined) continue;
    const starts = lineStarts(text);
    for (const i of wanted) {
      const site = sites[i]!;
      const lineStart = starts[site.line - 1] ?? Number.NaN;
      // column 0: the line's first non-blank character (a call path step names a line, not a column)
      const offset = site.column === 0 ? firstNonBlank(text, lineStart) : lineStart + site.column - 1;
      if (!Number.isFinite(offset)) continue;
      // the innermost function holding the offset, and within it the innermost block
      let fn: { width: number; count: number; block: number } | undefined;
      for (const f of script.functions) {
        const whole = f.ranges[0];
        if (whole === undefined || offset < whole.startOffset || offset >= whole.endOffset) continue;
        const width = whole.endOffset - whole.startOffset;
        if (fn !== undefined && width >= fn.width) continue;
        let block = whole;
        for (const r of f.ranges) if (offset >= r.startOffset && offset < r.endOffset && r.endOffset - r.startOffset <= block.endOffset - block.startOffset) block = r;
        fn = { width, count: whole.count, block: block.count };
      }
      if (fn === undefined || fn.count === 0) continue;
      out.push({ index: i, perCall: round(fn.block / calls), functionPerCall: round(fn.count / calls) });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

function firstNonBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
