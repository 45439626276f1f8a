import path from 'node:path';

/** `to` relative to `from` with `/` separators (report paths are POSIX on every platform); '.' for itself. */
export function posixRelative(from: string, to: string): string {
  const rel = path.relative(from, to);
  if (rel === '') return '.';
  return rel.split(path.sep).join('/');
}
