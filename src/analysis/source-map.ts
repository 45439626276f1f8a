// Maps a position in compiled JS back to the TypeScript source through the file's `.js.map`, so a
// finding points at the line a maintainer edits. Maps are read lazily, once per file, only for files
// that have findings.
//
// The map and what it names come from the package, which is untrusted: the map is read only when it
// is a regular file inside the package (a `sourceMappingURL` of /dev/stdin would hang the scan, one of
// ~/.npmrc would be read), and an original source is taken only when it resolves inside the package —
// a map whose `sources` name /proc/self/environ or ~/.npmrc must not turn that file into "original
// TypeScript" that the HTML report then shows.
import fs from 'node:fs';
import path from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { readRegularFile } from '../discover/read-regular-file.js';

const maps = new Map<string, TraceMap | null>();
const URL_RE = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;
/** a source map is larger than its code, but not without bound */
const MAX_MAP_BYTES = 16 * 1024 * 1024;

/** `file` resolves (through any link) to a place inside `dir`. */
function inside(dir: string, file: string): boolean {
  let real: string;
  let realDir: string;
  try {
    realDir = fs.realpathSync(dir);
    real = fs.existsSync(file) ? fs.realpathSync(file) : path.resolve(file);
  } catch {
    return false;
  }
  const rel = path.relative(realDir, real);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function mapFor(file: string, text: string, pkgDir: string): TraceMap | null {
  const cached = maps.get(file);
  if (cached !== undefined) return cached;
  let map: TraceMap | null = null;
  const tail = text.slice(-500).trimEnd();
  const m = URL_RE.exec(tail);
  if (m && !m[1]!.startsWith('data:')) {
    try {
      const mapPath = path.resolve(path.dirname(file), decodeURIComponent(m[1]!));
      const read = inside(pkgDir, mapPath) ? readRegularFile(mapPath, MAX_MAP_BYTES) : null;
      map = read !== null && 'text' in read ? new TraceMap(read.text, mapPath) : null;
    } catch {
      map = null; // a missing or broken map only costs the original location
    }
  }
  maps.set(file, map);
  return map;
}

/**
 * Original absolute file and 1-based line for a 1-based line/column in `file`, or null (no map, or a
 * source outside `pkgDir`, the folder of the package the file belongs to).
 */
export function originalPosition(file: string, text: string, line: number, column: number, pkgDir: string): { file: string; line: number } | null {
  const map = mapFor(file, text, pkgDir);
  if (!map) return null;
  const pos = originalPositionFor(map, { line, column: column - 1 });
  if (!pos.source || pos.line == null) return null;
  let source: string;
  try {
    source = pos.source.startsWith('file://') ? decodeURIComponent(new URL(pos.source).pathname) : path.resolve(path.dirname(file), pos.source);
  } catch {
    return null;
  }
  return inside(pkgDir, source) ? { file: source, line: pos.line } : null;
}
