// Content digests for cache keys and for checking that what a cached result was computed from is
// still what is on disk. A digest names content, never a path or a time: a package installed again by
// `npm ci` on a fresh CI runner has new files with new mtimes and the same digests.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** sha256, base64url: 43 characters. */
export function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}

/** The digest of a JSON-serialisable value (keys in the order given: build keys from literals). */
export function digestOf(value: unknown): string {
  return digest(JSON.stringify(value));
}

/**
 * What a file is to a reader that skips files over `maxBytes`: the digest of its bytes, or a marker
 * for what stands in their place (`!missing`, `!not-a-file`, `!unreadable`, `!size:<n>` when over the
 * limit — the report then names the size, so the size is the content).
 */
export function fileState(file: string, maxBytes = Number.POSITIVE_INFINITY): string {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return '!unreadable';
  }
  if (st === undefined) return '!missing';
  if (!st.isFile()) return '!not-a-file';
  if (st.size > maxBytes) return `!size:${st.size}`;
  try {
    return digest(fs.readFileSync(file));
  } catch {
    return '!unreadable';
  }
}

/** fileState memoised for one run: files shared by many packages (their dependencies) are read once. */
export class FileStates {
  private readonly states = new Map<string, string>();

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {}

  of(file: string): string {
    let s = this.states.get(file);
    if (s === undefined) {
      s = fileState(file, this.maxBytes);
      this.states.set(file, s);
    }
    return s;
  }
}
