// The result cache on disk: entries of one kind (scan results per package, bench results per case)
// under `<cache dir>/<namespace>/<key[0..1]>/<key>/<variant>.json.gz`. A key names what was asked (a
// package at a version, with a tool, a rule set and options); a variant is one answer to it, with the
// inputs it was computed from — two checkouts whose dependencies differ (the base and the head of a
// pull request) keep one variant each instead of overwriting each other.
//
// Safe to share between processes without locks: an entry is written to a temporary file in the same
// folder and renamed over the final name, which is atomic, so a reader sees the whole old entry or the
// whole new one, never a torn one. A file that does not gunzip, parse or match its own key (a disk
// error, a crash before the rename cannot cause one, a hand edit can) is ignored and deleted, and the
// run that needed it writes it again. Reads refresh a file's mtime: eviction deletes the least recently
// used entries first once the namespaces together exceed the size cap.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { RESULT_NAMESPACES } from './cache-dir.js';
import { listFiles } from './list-files.js';

/** The envelope every entry file holds: format and key are checked on read, `value` is the caller's. */
interface Envelope {
  format: number;
  key: string;
  variant: string;
  value: unknown;
}

const SUFFIX = '.json.gz';
/** Temporary files older than this are what a killed writer left: removed by eviction. */
const STALE_TMP_MS = 10 * 60_000;

export interface StoredVariant<T> {
  variant: string;
  value: T;
}

export class EntryStore<T> {
  /** entries found unreadable or malformed in this run (ignored and deleted) */
  corrupt = 0;
  /** bytes written in this run: eviction only needs to look when something was added */
  written = 0;

  /**
   * @param root `<cache dir>/<namespace>`
   * @param format bump when the value's shape changes: older entries are then simply not found
   * @param accept checks the stored value's shape (anything else counts as corrupt)
   */
  constructor(
    readonly root: string,
    private readonly format: number,
    private readonly accept: (value: unknown) => value is T,
  ) {}

  private keyDir(key: string): string {
    return path.join(this.root, key.slice(0, 2), key);
  }

  /** Every stored variant of `key`, most recently used first; corrupt ones are deleted and skipped. */
  variants(key: string): Array<StoredVariant<T>> {
    const dir = this.keyDir(key);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith(SUFFIX));
    } catch {
      return [];
    }
    const found: Array<StoredVariant<T> & { mtimeMs: number }> = [];
    for (const name of names) {
      const file = path.join(dir, name);
      const variant = name.slice(0, -SUFFIX.length);
      let mtimeMs: number;
      let data: Buffer;
      try {
        mtimeMs = fs.statSync(file).mtimeMs;
        data = fs.readFileSync(file);
      } catch {
        continue; // deleted by another run's eviction since the listing: not there
      }
      const value = this.decode(data, key, variant);
      if (value === undefined) {
        this.corrupt++;
        removeQuietly(file);
        continue;
      }
      found.push({ variant, value, mtimeMs });
    }
    return found.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.variant < b.variant ? -1 : 1)).map(({ variant, value }) => ({ variant, value }));
  }

  private decode(data: Buffer, key: string, variant: string): T | undefined {
    try {
      const e = JSON.parse(gunzipSync(data).toString('utf8')) as Partial<Envelope> | null;
      if (e === null || typeof e !== 'object' || e.format !== this.format || e.key !== key || e.variant !== variant) return undefined;
      return this.accept(e.value) ? e.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Marks a variant as just used (LRU order); a variant evicted meanwhile is left alone. */
  touch(key: string, variant: string): void {
    const now = new Date();
    try {
      fs.utimesSync(path.join(this.keyDir(key), variant + SUFFIX), now, now);
    } catch {
      // gone: nothing to refresh
    }
  }

  /**
   * Writes a variant atomically (temporary file + rename) and keeps at most `maxVariants` per key,
   * dropping the least recently used. A cache that cannot be written never fails the run: the error is
   * returned for the caller to mention.
   */
  put(key: string, variant: string, value: T, maxVariants = 4): Error | undefined {
    const dir = this.keyDir(key);
    const file = path.join(dir, variant + SUFFIX);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const data = gzipSync(JSON.stringify({ format: this.format, key, variant, value } satisfies Envelope), { level: 1 });
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, file);
      this.written += data.length;
    } catch (err) {
      removeQuietly(tmp);
      return err as Error;
    }
    this.trimVariants(dir, maxVariants);
    return undefined;
  }

  private trimVariants(dir: string, maxVariants: number): void {
    let files: Array<{ file: string; mtimeMs: number }>;
    try {
      files = fs
        .readdirSync(dir)
        .filter((n) => n.endsWith(SUFFIX))
        .map((n) => ({ file: path.join(dir, n), mtimeMs: fs.statSync(path.join(dir, n)).mtimeMs }));
    } catch {
      return;
    }
    files.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const f of files.slice(maxVariants)) removeQuietly(f.file);
  }
}

/** Deletes a file if it can: another run may have deleted it, or the folder may not be ours to change. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing to do: the entry stays unused or is evicted later
  }
}

interface StoredFile {
  file: string;
  size: number;
  mtimeMs: number;
}

function listEntries(root: string, now: number, out: StoredFile[]): void {
  for (const file of listFiles(root)) {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      continue; // deleted by another run meanwhile
    }
    if (file.endsWith('.tmp')) {
      if (now - st.mtimeMs > STALE_TMP_MS) removeQuietly(file);
    } else if (file.endsWith(SUFFIX)) out.push({ file, size: st.size, mtimeMs: st.mtimeMs });
  }
}

/**
 * Keeps the result cache's namespaces under `maxBytes` together: when they exceed it, deletes the least recently used
 * entries until they hold at most 80 % of it (so the next few runs do not evict again). Two runs evicting
 * at once only delete what the other may also delete; a reader of a deleted entry sees a miss.
 */
export function evictLeastRecentlyUsed(cacheDir: string, maxBytes: number, now = Date.now()): { removed: number; bytes: number } {
  const files: StoredFile[] = [];
  for (const n of RESULT_NAMESPACES) listEntries(path.join(cacheDir, n), now, files);
  let total = files.reduce((n, f) => n + f.size, 0);
  if (total <= maxBytes) return { removed: 0, bytes: total };
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.file < b.file ? -1 : 1));
  let removed = 0;
  for (const f of files) {
    if (total <= maxBytes * 0.8) break;
    removeQuietly(f.file);
    total -= f.size;
    removed++;
    // an emptied key folder goes too (another run may be writing into it: then it is not empty)
    try {
      fs.rmdirSync(path.dirname(f.file));
    } catch {
      // not empty, or gone
    }
  }
  return { removed, bytes: total };
}
