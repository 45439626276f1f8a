// Extracts a package tarball with `tar`, the package npm itself unpacks with (gzip, ustar, pax and GNU
// long names, and its own hardening: no writing through links, `..` refused, owners not kept). A
// package tarball holds files and folders, nothing else, and has no business writing outside its
// folder, so every entry is checked before its bytes are written, and the first one that breaks a rule
// rejects the whole tarball with the reason:
// - a symbolic or hard link, a device, a FIFO or any other special entry;
// - an absolute path (`/x`, `C:\x`, `\\host\x`) or a `..` segment;
// - more entries, a larger file or more bytes in all than the caps below.
// The first broken rule is recorded and every later entry skipped (nothing more is written), and the
// error is thrown once `tar.x` has returned: an exception thrown from inside tar's `filter` leaves its
// zlib stream half-written, which then threw Z_STREAM_ERROR from a later tick, outside any caller's
// try (seen in CI, about one run in three).
import type { Stats } from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';

/**
 * Caps, far above any instrumentation package (they unpack to a few MB; the largest packages in this
 * repository's node_modules: typescript 23 MB in 132 files, its largest file 9 MB; openai 1,835
 * files), so that none is refused while a runaway or hostile archive stops at the header that crosses
 * a cap. tar's own `maxDecompressionRatio` (1000) still stops a gzip bomb of a single huge entry.
 */
export const TARBALL_LIMITS = { entries: 20_000, fileBytes: 50 * 1024 * 1024, totalBytes: 200 * 1024 * 1024 } as const;

export type TarballLimits = { readonly [K in keyof typeof TARBALL_LIMITS]: number };

export type TarballProblem = 'link' | 'special-entry' | 'absolute-path' | 'parent-path' | 'too-many-entries' | 'file-too-large' | 'too-large' | 'not-a-tarball';

export class TarballError extends Error {
  constructor(
    readonly problem: TarballProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TarballError';
  }
}

/** The entry types a package holds; tar reads pax and long-name headers itself (they are no entries). */
const REGULAR = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);
const LINKS = new Set(['Link', 'SymbolicLink']);

function pathProblem(name: string): TarballError | undefined {
  const clean = name.replace(/\\/g, '/');
  if (path.posix.isAbsolute(clean) || path.win32.isAbsolute(name) || /^[a-zA-Z]:/.test(clean)) return new TarballError('absolute-path', `absolute path in the tarball: ${name}`);
  if (clean.split('/').includes('..')) return new TarballError('parent-path', `path leaving the package folder: ${name}`);
  return undefined;
}

const bytes = (n: number): string => n.toLocaleString('en-US');

/** Extracts the tarball `file` (gzipped or not) under `dest`, which must exist; throws a TarballError. `limits`: the caps (tests lower them). */
export function extractTarball(file: string, dest: string, limits: TarballLimits = TARBALL_LIMITS): void {
  let entries = 0;
  let total = 0;
  let problem: TarballError | undefined;
  const check = (name: string, entry: tar.ReadEntry | Stats): boolean => {
    if (problem) return false;
    try {
      return allowed(name, entry);
    } catch (err) {
      problem = err as TarballError;
      return false;
    }
  };
  const allowed = (name: string, entry: tar.ReadEntry | Stats): boolean => {
    // extraction hands entries; Stats is the creating side's type
    if (!(entry instanceof tar.ReadEntry)) return false;
    if (LINKS.has(entry.type)) throw new TarballError('link', `${entry.type === 'Link' ? 'hard link' : 'symbolic link'} in the tarball: ${name} -> ${entry.linkpath ?? '?'}`);
    if (!REGULAR.has(entry.type)) throw new TarballError('special-entry', `${entry.type} entry in the tarball: ${name} (a package holds files and folders only)`);
    const bad = pathProblem(name);
    if (bad) throw bad;
    if (++entries > limits.entries) throw new TarballError('too-many-entries', `more than ${bytes(limits.entries)} entries in the tarball`);
    const size = entry.size ?? 0;
    if (size > limits.fileBytes) throw new TarballError('file-too-large', `${name} is ${bytes(size)} bytes, over the cap of ${bytes(limits.fileBytes)}`);
    total += size;
    if (total > limits.totalBytes) throw new TarballError('too-large', `the tarball unpacks to more than ${bytes(limits.totalBytes)} bytes`);
    return true;
  };
  try {
    // strict: every warning of tar's (a bad checksum, a truncated entry, a path it would rewrite) is an error
    tar.x({ file, cwd: dest, sync: true, strict: true, preserveOwner: false, filter: check });
  } catch (err) {
    // a rule broken before tar gave up (a header claiming more bytes than the file has) is the reason
    if (problem) throw problem;
    if (err instanceof TarballError) throw err;
    throw new TarballError('not-a-tarball', `not a tar archive (${(err as Error).message})`);
  }
  if (problem) throw problem;
}
