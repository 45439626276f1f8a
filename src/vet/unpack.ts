// Unpacks a package tarball (extract-tarball.ts: npm's `tar`, with the checks a package tarball must
// pass) and finds the package in it. npm tarballs hold a `package/` folder; tarballs made by other
// tools hold one top-level folder of another name.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractTarball } from './extract-tarball.js';
import { VetInputError } from './vet-input-error.js';

/** What unpacked the tarball: one code path since tar replaced the system tar and a hand-written reader. */
export type UnpackMethod = 'node-tar';

export interface Unpacked {
  dir: string;
  name: string;
  version: string;
  method: UnpackMethod;
}

function packageRoot(dest: string, label: string): string {
  if (existsSync(path.join(dest, 'package', 'package.json'))) return path.join(dest, 'package');
  const top = readdirSync(dest, { withFileTypes: true }).filter((e) => e.isDirectory());
  const withManifest = top.filter((e) => existsSync(path.join(dest, e.name, 'package.json')));
  if (withManifest.length === 1) return path.join(dest, withManifest[0]!.name);
  if (existsSync(path.join(dest, 'package.json'))) return dest;
  throw new VetInputError(`${label}: not a package (the tarball holds no package.json)`);
}

/** name and version from package.json; a package without them is not something npm could install. */
export function readManifest(dir: string, label: string): { name: string; version: string } {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch (err) {
    throw new VetInputError(`${label}: not a package (package.json unreadable: ${(err as Error).message})`);
  }
  const m = manifest as { name?: unknown; version?: unknown } | null;
  if (typeof m?.name !== 'string' || typeof m.version !== 'string') {
    throw new VetInputError(`${label}: not a package (package.json has no name and version)`);
  }
  return { name: m.name, version: m.version };
}

export function unpack(tarball: string, dest: string, label: string): Unpacked {
  mkdirSync(dest, { recursive: true });
  try {
    extractTarball(tarball, dest);
  } catch (err) {
    throw new VetInputError(`${label}: not a package tarball (${(err as Error).message})`);
  }
  const dir = packageRoot(dest, label);
  return { dir, ...readManifest(dir, label), method: 'node-tar' };
}
