// Recursive listing of a package's own code files, for the fallbacks that cannot follow entry points.
import fs from 'node:fs';
import path from 'node:path';
import type { ReportError } from '../model/report.js';
import { errorMessage, fsErrorKind } from './fs-error-kind.js';
import { isTestPath } from './file-kinds.js';

/**
 * Files under `dir` accepted by `accept`, minus tests and anything in node_modules or dot folders.
 * Symlinked folders are not followed: a package's own code is never behind one, and they can loop.
 * Sorted, absolute.
 */
export function listCodeFiles(
  pkgDir: string,
  dir: string,
  accept: (file: string) => boolean,
  errors: ReportError[],
  /** folders of other packages inside this one (a workspace root's packages): not its files */
  exclude: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (err) {
      errors.push({ package: null, file: current, kind: fsErrorKind(err), message: `cannot read folder: ${errorMessage(err)}` });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      const rel = path.relative(pkgDir, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (!isTestPath(`${rel}/x`) && !exclude.has(full)) walk(full);
        continue;
      }
      if (!entry.isFile() && !(entry.isSymbolicLink() && isFileTarget(full))) continue;
      if (accept(entry.name) && !isTestPath(rel)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

function isFileTarget(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // a looping or unreadable link is not code we can read
  }
}
