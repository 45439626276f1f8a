// Checks the paths given on the command line before scanning, so that a typo is a usage error rather
// than an empty, "clean" report. Paths that exist are scanned; the others become path errors.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { ReportError } from '../model/report.js';
import { pathError } from '../model/path-error.js';

export interface CheckedPaths {
  readable: string[];
  errors: ReportError[];
}

export async function checkPaths(paths: readonly string[]): Promise<CheckedPaths> {
  const readable: string[] = [];
  const errors: ReportError[] = [];
  // Sequential and in the given order: the error list must come out in the order the user typed.
  for (const p of paths) {
    const problem = await problemWith(p);
    if (problem === undefined) readable.push(p);
    else errors.push(problem);
  }
  return { readable, errors };
}

async function problemWith(p: string): Promise<ReportError | undefined> {
  try {
    const st = await stat(p);
    // A folder must be listable as well as readable.
    await access(p, st.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return pathError('missing-path', p, `path not found: ${p}`);
    return pathError('unreadable-path', p, `cannot read ${p}: ${code ?? String(err)}`);
  }
}
