// Report paths are relative to their scan root and use `/` on every platform.
import path from 'node:path';

export function posix(p: string): string {
  return p.split(path.sep).join('/');
}

export function relativeTo(root: string, file: string): string {
  return posix(path.relative(root, file)) || '.';
}

/** Index of the first root that contains `file` (0 when none does). */
export function rootIndexOf(roots: readonly string[], file: string): number {
  return Math.max(
    0,
    roots.findIndex((r) => !path.relative(r, file).startsWith('..')),
  );
}
