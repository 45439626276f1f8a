// Everything the analysis of one package read from disk, as the workspace served it: the files (with
// what they held), how module specifiers resolved, what computed requires matched, which package owns
// each file. A result computed from these inputs is the same result as long as they are the same, so
// the result cache stores them beside it and checks them again before serving it (src/scan/scan-cache.ts).
// Paths are absolute here.
import type { ReportError } from '../model/report.js';
import type { Resolution } from '../discover/resolve-module.js';

export interface ReadLog {
  /** file → its content digest, or a marker for what stood in its place (src/cache/digest.ts fileState) */
  files: Map<string, string>;
  /** files that parsed, and their size in bytes (the report's parsedFiles and bytes) */
  parsed: Map<string, number>;
  /** what could not be read or parsed, one error per file */
  errors: Map<string, ReportError>;
  /** `${fromFile}\0${spec}` → what it resolved to */
  resolutions: Map<string, Resolution>;
  /** `${fromFile}\0${prefix}\0${suffix}` → the files a computed require matched */
  listings: Map<string, string[]>;
  /** file → `name@version` of the package that owns it (workspace.ts ownerId) */
  owners: Map<string, string>;
}

export function emptyReadLog(): ReadLog {
  return { files: new Map(), parsed: new Map(), errors: new Map(), resolutions: new Map(), listings: new Map(), owners: new Map() };
}
