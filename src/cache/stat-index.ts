// What the files a cached result was computed from held, remembered by their stat, as git's index
// does: path → size, mtime, ctime, inode, device and the digest of the content. Checking a cached
// entry then costs a stat per file instead of a read and a hash (on the third-party corpus: 9,000 files,
// 64 MB, hashed on every warm run before this). A file whose stat differs in any of these is read and
// hashed again; an edit changes its ctime even when it keeps the size and puts the mtime back.
//
// Racy edits: a file changed again within the same timestamp tick after it was hashed keeps its stat.
// So an entry is only written for a file whose mtime and ctime are older than the run that hashed it
// (minus a margin for file systems with coarse timestamps): any later change of it has a newer stamp.
// Files the run reads are hashed after the run started, so the rule holds whichever part of the run
// read them (the analysis, or the check of a cached entry).
//
// One file, `<cache dir>/file-stats-v1/index.json.gz`, read once per run and written at its end when it
// learnt something, atomically (temporary file + rename): two runs at once each write a whole index and
// the last one wins, losing only what the other learnt. An index that does not read as one is ignored
// (every file is hashed, as without an index) and written again.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const STAT_INDEX_NAMESPACE = 'file-stats-v1';
const FORMAT = 1;
/** coarse file system timestamps: FAT keeps 2 s, some network file systems 1 s */
const RACY_MARGIN_MS = 3000;
/** entries kept; beyond it the ones not seen for longest go (a cache folder shared by many trees) */
const MAX_ENTRIES = 200_000;

/** size, mtimeMs, ctimeMs, ino, dev, content state, when last seen (ms) */
type Entry = [number, number, number, number, number, string, number];

const isEntry = (e: unknown): e is Entry => Array.isArray(e) && e.length === 7 && e.slice(0, 5).every((n) => typeof n === 'number') && typeof e[5] === 'string' && typeof e[6] === 'number';

export class StatIndex {
  private entries: Map<string, Entry> | undefined;
  private changed = false;
  /** index entries found unusable in this run: the index was ignored */
  corrupt = false;

  /**
   * @param dir the cache folder
   * @param runStart when the run began (before it read any file): decides which stats are safe to keep
   */
  constructor(
    private readonly dir: string,
    private readonly runStart: number,
  ) {}

  private get file(): string {
    return path.join(this.dir, STAT_INDEX_NAMESPACE, 'index.json.gz');
  }

  private load(): Map<string, Entry> {
    if (this.entries !== undefined) return this.entries;
    this.entries = new Map();
    let data: Buffer;
    try {
      data = fs.readFileSync(this.file);
    } catch {
      return this.entries; // none yet
    }
    try {
      const parsed = JSON.parse(gunzipSync(data).toString('utf8')) as { format?: unknown; entries?: unknown } | null;
      if (parsed?.format !== FORMAT || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('not an index');
      for (const [file, e] of Object.entries(parsed.entries)) {
        if (!isEntry(e)) throw new Error('not an index entry');
        this.entries.set(file, e);
      }
    } catch {
      this.entries.clear();
      this.corrupt = true;
      this.changed = true; // written again, whole
    }
    return this.entries;
  }

  /** The stored state of `file` if its stat is still the one it had when hashed, else undefined. */
  lookup(file: string, maxBytes: number): string | undefined {
    const e = this.load().get(file);
    if (e === undefined) return undefined;
    const st = statOf(file);
    if (st === undefined || st.size > maxBytes || st.size !== e[0] || st.mtimeMs !== e[1] || st.ctimeMs !== e[2] || st.ino !== e[3] || st.dev !== e[4]) return undefined;
    if (e[6] !== this.runStart) {
      e[6] = this.runStart;
      this.changed = true;
    }
    return e[5];
  }

  /**
   * Remembers `state` (a content digest) for `file`, stat'ed now: only when the file is older than the
   * run (see the racy rule above), and only regular files.
   */
  remember(file: string, state: string): void {
    const st = statOf(file);
    if (st === undefined || Math.max(st.mtimeMs, st.ctimeMs) >= this.runStart - RACY_MARGIN_MS) return;
    this.load().set(file, [st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev, state, this.runStart]);
    this.changed = true;
  }

  /** Writes the index when this run changed it; an error is returned, never thrown (the run is not affected). */
  save(): Error | undefined {
    if (!this.changed || this.entries === undefined) return undefined;
    let kept = [...this.entries];
    if (kept.length > MAX_ENTRIES) kept = kept.sort((a, b) => b[1][6] - a[1][6]).slice(0, MAX_ENTRIES);
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, gzipSync(JSON.stringify({ format: FORMAT, entries: Object.fromEntries(kept) }), { level: 1 }));
      fs.renameSync(tmp, this.file);
      this.changed = false;
      return undefined;
    } catch (err) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // a folder not ours to change: the temporary file stays, eviction of a later run may take it
      }
      return err as Error;
    }
  }
}

/** The stat of a regular file (following links, as the reader does), or undefined. */
function statOf(file: string): fs.Stats | undefined {
  try {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return st?.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}
