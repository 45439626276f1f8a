// The file reading behind the HTML report's code excerpts, kept out of the renderer so that it stays
// a pure function of its inputs: this reads each finding's file (and its original TS file) once and
// hands the renderer a map `path:line → excerpt`. Unreadable files are simply left out.
//
// What a finding names is data from the scanned code (or from a report file someone handed over), so
// a file is read only when it is a code file (.js, .ts and their kinds), a regular file of at most the
// scanner's limit, and resolves — links followed — inside the root it is relative to. A root that
// covers the user's home or the whole disk gives no excerpts. Dependency files a scan followed calls
// into are read too, when the caller vouches for them (a fresh scan's `dependencyFiles`), under the
// same rules and only inside a node_modules folder.
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isCodeFile } from '../discover/file-kinds.js';
import { readRegularFile } from '../discover/read-regular-file.js';
import type { Finding, Report } from '../model/report.js';
import { joinRoot } from '../model/report-paths.js';
import { excerptKey, sliceExcerpt, type Excerpt } from '../report/html/excerpt.js';

/** the scanner's own limit: larger files were not analysed, so there is nothing to show from them */
const MAX_BYTES = 4 * 1024 * 1024;

/** A fresh scan's report: excerpts from its roots and from the dependency files it followed calls into. */
export function loadExcerpts(report: Report, cwd: string = process.cwd()): Map<string, Excerpt> {
  return loadFindingExcerpts([{ roots: report.roots, findings: report.findings, dependencyFiles: report.dependencyFiles }], cwd);
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
  /** files outside the roots that may be read as well (relative to roots[0]): a fresh scan's dependencyFiles */
  dependencyFiles?: readonly string[];
}

function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** A root that holds the user's home folder (or is the disk's root) vouches for nothing. */
function tooBroad(realRoot: string): boolean {
  const home = realOrNull(os.homedir()) ?? os.homedir();
  return path.dirname(realRoot) === realRoot || realRoot === home || isInside(realRoot, home);
}

/** May `file` (absolute) be read for an excerpt, given the roots it may lie in and the files vouched for? */
function mayRead(file: string, realRoots: readonly string[], vouched: ReadonlySet<string>): boolean {
  if (!isCodeFile(file)) return false;
  const real = realOrNull(file);
  if (real === null) return false;
  if (realRoots.some((r) => isInside(r, real))) return true;
  return vouched.has(path.resolve(file)) && real.split(path.sep).includes('node_modules');
}

/** The excerpts of findings from several reports (a diff's two sides), into one map. */
export function loadFindingExcerpts(sets: readonly FindingSet[], cwd: string = process.cwd()): Map<string, Excerpt> {
  const texts = new Map<string, string | null>();
  const out = new Map<string, Excerpt>();
  for (const { roots, findings, readRoots, dependencyFiles } of sets) {
    const from = (i: number): string | undefined => readRoots?.[i] ?? roots[i];
    const realRoots = (readRoots ?? roots).flatMap((r) => {
      const real = realOrNull(path.resolve(cwd, r));
      return real === null || tooBroad(real) ? [] : [real];
    });
    const base = from(0);
    const vouched = new Set((dependencyFiles ?? []).map((f) => path.resolve(cwd, joinRoot(base ?? '.', f))));
    const read = (file: string): string | null => {
      const abs = path.resolve(cwd, file);
      if (!texts.has(abs)) {
        const r = mayRead(abs, realRoots, vouched) ? readRegularFile(abs, MAX_BYTES) : null;
        texts.set(abs, r !== null && 'text' in r ? r.text : null);
      }
      return texts.get(abs)!;
    };
    const add = (file: string, line: number, column: number | undefined, source: string): void => {
      const key = excerptKey(file, line);
      if (out.has(key)) return;
      const text = read(source);
      const excerpt = text === null ? null : sliceExcerpt(file, text, line, column);
      if (excerpt !== null) out.set(key, excerpt);
    };
    for (const f of findings) {
      const root = roots[f.root];
      const readRoot = from(f.root);
      if (root === undefined || readRoot === undefined) continue;
      add(joinRoot(root, f.file), f.line, f.column, joinRoot(readRoot, f.file));
      if (f.original) add(joinRoot(root, f.original.file), f.original.line, undefined, joinRoot(readRoot, f.original.file));
    }
  }
  return out;
}
