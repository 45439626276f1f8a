// The package a file belongs to: findings in a dependency are reported as `name@version` of that
// dependency. Asked for every resolved import, so answers are cached per folder.
import path from 'node:path';
import { readRegularFile } from './read-regular-file.js';

export interface PackageRef {
  dir: string;
  name: string;
  version: string;
}

const byDir = new Map<string, PackageRef | null>();

/**
 * The nearest package.json upward that has a name. Nameless ones are skipped: build/esm/package.json
 * carries only {"type": "module"} and belongs to the package above it.
 */
export function packageOf(file: string): PackageRef | undefined {
  const visited: string[] = [];
  let dir = path.dirname(path.resolve(file));
  let found: PackageRef | null = null;
  for (;;) {
    const cached = byDir.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    const named = namedManifest(dir);
    if (named !== undefined) {
      found = named;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) byDir.set(d, found);
  return found ?? undefined;
}

export function clearPackageOfCache(): void {
  byDir.clear();
}

function namedManifest(dir: string): PackageRef | undefined {
  let raw: unknown;
  try {
    const read = readRegularFile(path.join(dir, 'package.json'), 16 * 1024 * 1024);
    if (!('text' in read)) return undefined;
    raw = JSON.parse(read.text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined; // none here, unreadable or malformed: findPackages reports those, keep looking up
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { name, version } = raw as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || name === '') return undefined;
  return { dir, name, version: typeof version === 'string' ? version : '0.0.0' };
}

/** `name@version` of the package a file belongs to; its folder's name when no package.json names one. */
export function ownerId(file: string): string {
  const pkg = packageOf(file);
  return pkg ? `${pkg.name}@${pkg.version}` : path.basename(path.dirname(file));
}
