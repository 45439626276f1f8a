// Maps a Node fs error onto the ReportError kinds the report uses, so every discovery step words the
import type { ErrorKind } from '../model/report-error.js';

type SkipErrorKind = Extract<ErrorKind, 'permission' | 'missing' | 'symlink-loop' | 'internal'>;
// same failure the same way.

export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'string' ? code : undefined;
}

export function fsErrorKind(err: unknown): SkipErrorKind {
  switch (errorCode(err)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    case 'ELOOP':
      return 'symlink-loop';
    default:
      return 'internal';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
