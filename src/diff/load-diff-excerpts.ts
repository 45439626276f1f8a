// The code excerpts of a diff's findings, read from disk for the HTML view (render-diff-html.ts stays
// pure). New and unchanged findings are read from the head report's folders. Fixed findings exist only
// in the base: their files are read only when the base was scanned from other folders than the head —
// when both reports come from one folder (before and after a commit), it now holds the head's code,
// whose lines would show the wrong thing.
import path from 'node:path';
import type { Excerpt } from '../report/html/excerpt.js';
import { loadFindingExcerpts } from '../render-inputs/load-excerpts.js';
import type { ReportDiff } from './diff-model.js';

export function loadDiffExcerpts(diff: ReportDiff, cwd: string = process.cwd()): Map<string, Excerpt> {
  const head = { roots: diff.head.roots, findings: [...diff.findings.new.map((c) => c.finding), ...diff.findings.unchanged.map((u) => u.head)] };
  const headFolders = new Set(diff.head.roots.map((r) => path.resolve(cwd, r)));
  const baseOnly = (root: string | undefined): boolean => root !== undefined && !headFolders.has(path.resolve(cwd, root));
  const fixed = diff.findings.fixed.map((c) => c.finding).filter((f) => baseOnly(diff.base.roots[f.root]));
  return loadFindingExcerpts([head, { roots: diff.base.roots, findings: fixed }], cwd);
}
