// Reads one file for the analysis under the size policy: minified bundles of many MB would dominate
// parse time and memory while rarely holding instrumentation code, so they are skipped and reported.
import fs from 'node:fs';
import type { ReportError } from '../model/report.js';
import { errorMessage, fsErrorKind } from './fs-error-kind.js';

/** Errors carry the absolute path and `package: null`; the caller names the package and root. */
export function readSource(file: string, maxBytes: number): { text: string; raw: Buffer } | { error: ReportError } {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { error: { package: null, file, kind: 'not-a-file', message: 'not a regular file' } };
    size = stat.size;
  } catch (err) {
    return { error: { package: null, file, kind: fsErrorKind(err), message: `cannot read: ${errorMessage(err)}` } };
  }
  // Stat first so an oversized file is never read into memory.
  if (size > maxBytes) {
    return { error: { package: null, file, kind: 'too-large', message: `${size} bytes, over the ${maxBytes}-byte limit` } };
  }
  try {
    // Invalid UTF-8 becomes U+FFFD: the rest of the file is still worth parsing. The bytes as read are
    // returned too: the result cache names a file by their digest.
    const raw = fs.readFileSync(file);
    return { text: raw.toString('utf8'), raw };
  } catch (err) {
    return { error: { package: null, file, kind: fsErrorKind(err), message: `cannot read: ${errorMessage(err)}` } };
  }
}
