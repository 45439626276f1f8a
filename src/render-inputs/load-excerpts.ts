// The file reading behind the HTML report's code excerpts, kept out of the renderer so that it stays
// a pure function of its inputs: this reads each finding's file (and its original TS file) once and
// hands the renderer a map `path:line → excerpt`. Unreadable files are simply left out.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Report } from '../model/report.js';
import { joinRoot } from '../model/report-paths.js';
import { excerptKey, sliceExcerpt, type Excerpt } from '../report/html/excerpt.js';

/** the scanner's own limit: larger files were not analysed, so there is nothing to show from them */
const MAX_BYTES = 4 * 1024 * 1024;

export function loadExcerpts(report: Report, cwd: string = process.cwd()): Map<string, Excerpt> {
  return loadFindingExcerpts([{ roots: report.roots, findings: report.findings }], cwd);
}

/** Findings of one report: its roots (a finding's `root` indexes into them) and the findings. */
export interface FindingSet {
  roots: readonly string[];
  findings: readonly Finding[];
  /**
   * Where the roots' files are to be read, when not at the roots themselves: vet names its report's root
   * `name@version` (its temp folder is meaningless to a reader) while the files are still in that folder.
   */
  readRoots?: readonly string[];
}

/** The excerpts of findings from several reports (a diff's two sides), into one map. */
export function loadFindingExcerpts(sets: readonly FindingSet[], cwd: string = process.cwd()): Map<string, Excerpt> {
  const texts = new Map<string, string | null>();
  const read = (file: string): string | null => {
    if (!texts.has(file)) texts.set(file, readSmall(path.resolve(cwd, file)));
    return texts.get(file)!;
  };
  const out = new Map<string, Excerpt>();
  const add = (file: string, line: number, column: number | undefined, from: string): void => {
    const key = excerptKey(file, line);
    if (out.has(key)) return;
    const text = read(from);
    const excerpt = text === null ? null : sliceExcerpt(file, text, line, column);
    if (excerpt !== null) out.set(key, excerpt);
  };
  for (const { roots, findings, readRoots } of sets) {
    for (const f of findings) {
      const root = roots[f.root];
      const readRoot = readRoots?.[f.root] ?? root;
      add(joinRoot(root, f.file), f.line, f.column, joinRoot(readRoot, f.file));
      if (f.original) add(joinRoot(root, f.original.file), f.original.line, undefined, joinRoot(readRoot, f.original.file));
    }
  }
  return out;
}

function readSmall(file: string): string | null {
  try {
    return statSync(file).size > MAX_BYTES ? null : readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
