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
import { MAX_MAP_BYTES } from '../discover/file-kinds.js';
import { readRegularFile } from '../discover/read-regular-file.js';
import { realpathSync } from '../discover/real-path.js';

/**
 * Decoded maps by compiled file, the most recently used last. Bounded: a bundle's map decodes to tens
 * of megabytes, and an app-sized tree has thousands of mapped files with findings; the findings of one
 * file come together, so a few dozen maps serve them as well as all of them would.
 */
const maps = new Map<string, TraceMap | null>();
const MAX_MAPS = 32;
const URL_RE = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;
export { MAX_MAP_BYTES } from '../discover/file-kinds.js';

/** The `.map` file a compiled file names in its last line, or null (none, or an inline data: URL). */
function sourceMapFile(file: string, text: string): string | null {
  const m = URL_RE.exec(text.slice(-500).trimEnd());
  if (!m || m[1]!.startsWith('data:')) return null;
  try {
    return path.resolve(path.dirname(file), decodeURIComponent(m[1]!));
  } catch {
    return null; // a malformed %-escape names no file
  }
}

/** `file` resolves (through any link) to a place inside `dir`. */
function inside(dir: string, file: string): boolean {
  let real: string;
  let realDir: string;
  try {
    // the native realpath (real-path.ts), not the JavaScript one that lstats every component of the path: asked for every finding in a mapped file
    realDir = realpathSync(dir);
    real = fs.existsSync(file) ? realpathSync(file) : path.resolve(file);
  } catch {
    return false;
  }
  const rel = path.relative(realDir, real);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The `.map` file `file` names when it may be read: a path inside `pkgDir` (sourceMapFile otherwise).
 * The result cache records the state of this file only, so it never digests one the analysis refuses.
 */
export function packageSourceMapFile(file: string, text: string, pkgDir: string): string | null {
  const mapPath = sourceMapFile(file, text);
  return mapPath !== null && inside(pkgDir, mapPath) ? mapPath : null;
}

function mapFor(file: string, text: string, pkgDir: string): TraceMap | null {
  const cached = maps.get(file);
  if (cached !== undefined) {
    maps.delete(file);
    maps.set(file, cached);
    return cached;
  }
  let map: TraceMap | null = null;
  const mapPath = packageSourceMapFile(file, text, pkgDir);
  if (mapPath !== null) {
    try {
      const read = readRegularFile(mapPath, MAX_MAP_BYTES);
      map = 'text' in read ? new TraceMap(read.text, mapPath) : null;
    } catch {
      map = null; // a missing or broken map only costs the original location
    }
  }
  maps.set(file, map);
  if (maps.size > MAX_MAPS) maps.delete(maps.keys().next().value!);
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
