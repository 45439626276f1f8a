// Maps a position in compiled JS back to the TypeScript source through the file's `.js.map`, so a
// finding points at the line a maintainer edits. Maps are read lazily, once per file, only for files
// that have findings.
import fs from 'node:fs';
import path from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

/**
 * Decoded maps by compiled file, the most recently used last. Bounded: a bundle's map decodes to tens
 * of megabytes, and an app-sized tree has thousands of mapped files with findings; the findings of one
 * file come together, so a few dozen maps serve them as well as all of them would.
 */
const maps = new Map<string, TraceMap | null>();
const MAX_MAPS = 32;
const URL_RE = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;

/** The `.map` file a compiled file names in its last line, or null (none, or an inline data: URL). */
export function sourceMapFile(file: string, text: string): string | null {
  const m = URL_RE.exec(text.slice(-500).trimEnd());
  if (!m || m[1]!.startsWith('data:')) return null;
  try {
    return path.resolve(path.dirname(file), decodeURIComponent(m[1]!));
  } catch {
    return null; // a malformed %-escape names no file
  }
}

function mapFor(file: string, text: string): TraceMap | null {
  const cached = maps.get(file);
  if (cached !== undefined) {
    maps.delete(file);
    maps.set(file, cached);
    return cached;
  }
  let map: TraceMap | null = null;
  const mapPath = sourceMapFile(file, text);
  if (mapPath !== null) {
    try {
      map = new TraceMap(fs.readFileSync(mapPath, 'utf8'), mapPath);
    } catch {
      map = null; // a missing or broken map only costs the original location
    }
  }
  maps.set(file, map);
  if (maps.size > MAX_MAPS) maps.delete(maps.keys().next().value!);
  return map;
}

/** Original absolute file and 1-based line for a 1-based line/column in `file`, or null. */
export function originalPosition(file: string, text: string, line: number, column: number): { file: string; line: number } | null {
  const map = mapFor(file, text);
  if (!map) return null;
  const pos = originalPositionFor(map, { line, column: column - 1 });
  if (!pos.source || pos.line == null) return null;
  const source = pos.source.startsWith('file://') ? new URL(pos.source).pathname : path.resolve(path.dirname(file), pos.source);
  return { file: source, line: pos.line };
}
