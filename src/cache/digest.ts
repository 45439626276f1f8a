// Content digests for cache keys and for checking that what a cached result was computed from is
// still what is on disk. A digest names content, never a path or a time: a package installed again by
// `npm ci` on a fresh CI runner has new files with new mtimes and the same digests.
import { createHash } from 'node:crypto';
import { readRegularBytes } from '../discover/read-regular-file.js';
import type { StatIndex } from './stat-index.js';

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
 * for what stands in their place (`!missing: …`, `!not-a-file: …`, `!unreadable-file: …`, `!too-large:
 * <n> bytes …` — the report names what it met, so that is the content). Read as the analysis reads
 * (src/discover/read-regular-file.ts): only a regular file, never through a link into /proc, /sys or
 * /dev, so checking a cached entry opens nothing the analysis would refuse.
 */
export function fileState(file: string, maxBytes = Number.POSITIVE_INFINITY): string {
  const r = readRegularBytes(file, maxBytes);
  return 'raw' in r ? digest(r.raw) : `!${r.refused.kind}: ${r.refused.message}`;
}

/**
 * fileState memoised for one run: files shared by many packages (their dependencies) are read once;
 * with a stat index, files whose stat is what it was when they were last hashed are not read at all.
 */
export class FileStates {
  private readonly states = new Map<string, string>();

  constructor(
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly index?: StatIndex,
  ) {}

  /** `maxBytes`: a limit of its own for files read under one (source maps), else the run's. */
  of(file: string, maxBytes = this.maxBytes): string {
    const memo = maxBytes === this.maxBytes ? file : `${file}\0${maxBytes}`;
    let s = this.states.get(memo);
    if (s === undefined) {
      s = this.index?.lookup(file, maxBytes);
      if (s === undefined) {
        s = fileState(file, maxBytes);
        if (!s.startsWith('!')) this.index?.remember(file, s);
      }
      this.states.set(memo, s);
    }
    return s;
  }

  /** Tells the index what the run learnt otherwise (a file the analysis read and hashed). */
  learnt(file: string, state: string): void {
    if (this.index && !state.startsWith('!') && !this.states.has(file)) {
      this.states.set(file, state);
      this.index.remember(file, state);
    }
  }
}
