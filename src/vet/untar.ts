// A small reader for gzipped tarballs, used when no `tar` command is on PATH (some Windows and
// minimal container images). It handles what `npm pack` writes — ustar headers, pax and GNU long
// names — extracts regular files and folders only (no links, devices or absolute/`..` paths: a
// package tarball has no business writing outside its folder), and rejects anything else loudly.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(buf: Buffer, offset: number, length: number): string {
  const raw = buf.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(buf: Buffer, offset: number, length: number): number {
  const text = field(buf, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** `path=…` from a pax extended header (records are `<len> key=value\n`). */
function paxPath(data: Buffer): string | undefined {
  for (const record of data.toString('utf8').split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(record);
    if (m) return m[1];
  }
  return undefined;
}

function safeTarget(dest: string, name: string): string {
  const clean = name.replace(/\\/g, '/');
  const target = path.resolve(dest, clean);
  if (path.isAbsolute(clean) || clean.split('/').includes('..') || !target.startsWith(path.resolve(dest) + path.sep)) {
    throw new Error(`unsafe path in tarball: ${name}`);
  }
  return target;
}

/** Extracts `tgz` (bytes of a .tgz) under `dest`; returns the paths written, relative to dest. */
export function extractTarGz(tgz: Buffer, dest: string): string[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(tgz);
  } catch (err) {
    throw new Error(`not a gzip file (${(err as Error).message})`);
  }
  const written: string[] = [];
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    const magic = field(header, 257, 6);
    if (magic !== 'ustar' && magic !== 'ustar ') throw new Error('not a tar archive (no ustar header)');
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(header, 345, 155);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      longName = type === 'x' ? paxPath(data) : field(data, 0, data.length);
      continue;
    }
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type === 'g') continue; // global pax header: nothing we use
    if (type === '5') {
      mkdirSync(safeTarget(dest, name), { recursive: true });
      continue;
    }
    if (type !== '0' && type !== '7') continue; // links, devices, fifos: not part of a package
    const target = safeTarget(dest, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data, { mode: 0o644 });
    written.push(path.relative(dest, target).split(path.sep).join('/'));
  }
  return written;
}
