// Reads one file for the analysis under the size policy: minified bundles of many MB would dominate
// parse time and memory while rarely holding instrumentation code, so they are skipped and reported.
// Only regular files are read (read-regular-file.ts): a FIFO, a device or a link into /proc is an
// `unreadable-file` error, which a --fail-on run does not let pass.
import type { ReportError } from '../model/report.js';
import { readRegularFile } from './read-regular-file.js';

/**
 * Errors carry the absolute path and `package: null`; the caller names the package and root. The bytes
 * as read are returned too: the result cache names a file by their digest.
 */
export function readSource(file: string, maxBytes: number): { text: string; raw: Buffer } | { error: ReportError } {
  const r = readRegularFile(file, maxBytes);
  if ('text' in r) return r;
  return { error: { package: null, file, kind: r.refused.kind, message: r.refused.message } };
}
