// The one way discovery and the report inputs read a file out of a scanned tree, which is untrusted:
// only a regular file, only up to a size, never through a link into a special file system. A FIFO
// named package.json blocks a plain read forever; a device never ends; /proc/self/environ is a
// "regular" file of size 0 that holds the tool's environment. So: stat first (no open of anything but
// a regular file), refuse targets under /proc, /sys and /dev, open non-blocking and check the opened
// file again (it could have been swapped after the stat), then read at most the limit.
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, fsErrorKind } from './fs-error-kind.js';
import { realpathSync } from './real-path.js';

/** Pseudo file systems whose files are not what they claim (sizes, blocking reads, the process itself). */
const SPECIAL_ROOTS = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

export type ReadRefusal =
  /** a FIFO, socket, device or a link into /proc, /sys or /dev: never opened */
  { kind: 'unreadable-file'; message: string } | { kind: 'too-large'; message: string; size: number } | { kind: 'not-a-file' | 'missing' | 'symlink-loop' | 'internal'; message: string };

/** The file's realpath lies in /proc, /sys or /dev. */
export function inSpecialFileSystem(real: string): boolean {
  return SPECIAL_ROOTS.some((root) => real === root || real.startsWith(root + path.sep));
}

/**
 * A file that is there but cannot be read is `unreadable-file`: a package must not dodge the check by
 * taking the read permission off its hot path. Missing files and loops keep their own kinds.
 */
function failure(err: unknown): ReadRefusal {
  const kind = fsErrorKind(err);
  return { kind: kind === 'permission' ? 'unreadable-file' : kind, message: `cannot read: ${errorMessage(err)}` };
}

function describe(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** What reading `file` would meet, without opening it: null when it is a regular file within `maxBytes`. */
export function checkRegularFile(file: string, maxBytes: number): ReadRefusal | null {
  let real: string;
  let stat: fs.Stats;
  try {
    real = realpathSync(file);
    stat = fs.statSync(real);
  } catch (err) {
    return failure(err);
  }
  if (inSpecialFileSystem(real)) return { kind: 'unreadable-file', message: `leads into ${real.split(path.sep).slice(0, 2).join(path.sep)} (${real}): not read` };
  if (stat.isDirectory()) return { kind: 'not-a-file', message: 'not a regular file (a folder)' };
  if (!stat.isFile()) return { kind: 'unreadable-file', message: `${describe(stat)}, not a regular file: not read` };
  if (stat.size > maxBytes) return { kind: 'too-large', message: `${stat.size} bytes, over the ${maxBytes}-byte limit`, size: stat.size };
  return null;
}

/** The text of a regular file of at most `maxBytes`, or why it was not read. */
export function readRegularFile(file: string, maxBytes: number): { text: string; raw: Buffer } | { refused: ReadRefusal } {
  const r = readRegularBytes(file, maxBytes);
  // Invalid UTF-8 becomes U+FFFD: the rest of the file is still worth reading
  return 'raw' in r ? { text: r.raw.toString('utf8'), raw: r.raw } : r;
}

/**
 * The bytes of a regular file of at most `maxBytes`, or why it was not read. The bytes as read are what
 * the result cache digests (src/cache/digest.ts), so a cached entry is checked by the same reader.
 */
export function readRegularBytes(file: string, maxBytes: number): { raw: Buffer } | { refused: ReadRefusal } {
  const refused = checkRegularFile(file, maxBytes);
  if (refused !== null) return { refused };
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after the stat opens at once instead of waiting for a writer
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { refused: failure(err) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { refused: { kind: 'unreadable-file', message: `${describe(stat)}, not a regular file: not read` } };
    if (stat.size > maxBytes) return { refused: { kind: 'too-large', message: `${stat.size} bytes, over the ${maxBytes}-byte limit`, size: stat.size } };
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { raw: buffer.subarray(0, read) };
  } catch (err) {
    return { refused: failure(err) };
  } finally {
    fs.closeSync(fd);
  }
}
