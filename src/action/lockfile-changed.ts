// Whether a pull request touches a lockfile — the only way the installed instrumentations can change —
// at the root or in a workspace package (packages/api/package-lock.json counts too).
import path from 'node:path';

export function changedLockfiles(files: readonly string[], lockfiles: readonly string[]): string[] {
  const names = new Set(lockfiles);
  return files.filter((f) => names.has(path.posix.basename(f.replace(/\\/g, '/'))));
}
