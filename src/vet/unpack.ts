// Unpacks a package tarball and finds the package in it. The system `tar` is used when present (it is
// on Linux, macOS and Windows 10+, and is fast); otherwise the small reader in untar.ts. npm tarballs
// hold a `package/` folder; tarballs made by other tools hold one top-level folder of another name.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './run-command.js';
import { extractTarGz } from './untar.js';
import { VetInputError } from './vet-input-error.js';

export type UnpackMethod = 'system tar' | 'node zlib + tar reader';

export interface Unpacked {
  dir: string;
  name: string;
  version: string;
  method: UnpackMethod;
}

let tarAvailable: boolean | undefined;

async function hasSystemTar(cwd: string): Promise<boolean> {
  if (tarAvailable === undefined) {
    const r = await runCommand('tar', ['--version'], { cwd, timeoutMs: 10_000 });
    tarAvailable = r.code === 0;
  }
  return tarAvailable;
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

export async function unpack(tarball: string, dest: string, label: string, options: { systemTar?: boolean } = {}): Promise<Unpacked> {
  mkdirSync(dest, { recursive: true });
  let method: UnpackMethod;
  if (options.systemTar !== false && (await hasSystemTar(dest))) {
    method = 'system tar';
    // --no-same-owner: files belong to the user running vet, whatever the archive says
    const r = await runCommand('tar', ['-xzf', tarball, '-C', dest, '--no-same-owner'], { cwd: dest, timeoutMs: 120_000 });
    if (r.code !== 0) throw new VetInputError(`${label}: not a package tarball (tar: ${r.stderr.trim().split('\n')[0] ?? `exit ${r.code}`})`);
  } else {
    method = 'node zlib + tar reader';
    try {
      extractTarGz(readFileSync(tarball), dest);
    } catch (err) {
      throw new VetInputError(`${label}: not a package tarball (${(err as Error).message})`);
    }
  }
  const dir = packageRoot(dest, label);
  return { dir, ...readManifest(dir, label), method };
}
