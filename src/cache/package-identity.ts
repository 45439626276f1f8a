// What a package is, for keys of results computed by running it (the bench): its own code, and the
// packages it loads at run time as they are installed beside it. Running reads whatever Node resolves,
// so the identity follows Node's lookup (node_modules folders upward from the package), not a lockfile.
//
// A package inside a node_modules folder came from a registry tarball, immutable per version: its
// name, version and package.json stand for its content. A package elsewhere (a workspace link, a local
// folder being worked on) changes under one version, so its files' digests stand for it. The package
// being measured is always hashed file by file: a patched copy (patch-package) must not pass for the
// published one.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { digest, fileState } from './digest.js';
import { listFiles } from './list-files.js';

/** files that can change what runs: code, JSON read at run time, native and wasm modules */
const RUNTIME_FILE = /\.(c|m)?js$|\.json$|\.node$|\.wasm$/;
/** a dependency closure beyond this is cut (and says so in its identity): keys stay cheap */
const MAX_CLOSURE = 400;

/** Digest of a package's own runtime files (nested node_modules and dot folders left out), sorted by path. */
export function packageFilesDigest(dir: string): string {
  const files = listFiles(dir, (name) => name.startsWith('.') || name === 'node_modules').filter((f) => RUNTIME_FILE.test(f) && !path.basename(f).startsWith('.'));
  return digest(files.map((f) => `${path.relative(dir, f).split(path.sep).join('/')}\0${fileState(f)}`).join('\n'));
}

interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): { manifest: Manifest; text: string } | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
    return { manifest: JSON.parse(text) as Manifest, text };
  } catch {
    return undefined;
  }
}

/** The folder Node finds package `name` in from `fromDir` (node_modules upward), or undefined. */
export function findInstalled(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

const insideNodeModules = (dir: string): boolean => dir.split(path.sep).includes('node_modules');

/** Package identities and dependency closures, memoised for one run (many packages share dependencies). */
export class PackageIdentities {
  private readonly byDir = new Map<string, { id: string; deps: string[] }>();

  /** `name@version#<package.json digest>` in node_modules, `name#<files digest>` elsewhere. */
  private describe(dir: string): { id: string; deps: string[] } {
    const real = realpath(dir);
    let d = this.byDir.get(real);
    if (d) return d;
    const m = readManifest(real);
    const name = m?.manifest.name ?? path.basename(real);
    const id = m && insideNodeModules(real) ? `${name}@${m.manifest.version ?? '?'}#${digest(m.text)}` : `${name}#${packageFilesDigest(real)}`;
    const deps = Object.keys({ ...m?.manifest.dependencies, ...m?.manifest.peerDependencies, ...m?.manifest.optionalDependencies }).sort();
    d = { id, deps };
    this.byDir.set(real, d);
    return d;
  }

  /** What `name` is when resolved from `fromDir`: its identity, `node:<name>`, or `<name>:missing`. */
  installed(fromDir: string, name: string): string {
    if (isBuiltin(name)) return `node:${name}`;
    const pkgName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
    const dir = findInstalled(fromDir, pkgName);
    return dir === undefined ? `${pkgName}:missing` : this.describe(dir).id;
  }

  /**
   * The package's identity (always by its files) and those of every package its declared dependencies
   * (dependencies, peer, optional) resolve to from where each one is installed, transitively, sorted.
   */
  closure(dir: string): string[] {
    const own = `${readManifest(dir)?.manifest.name ?? path.basename(dir)}#${packageFilesDigest(dir)}`;
    const seen = new Set<string>([realpath(dir)]);
    const ids = new Set<string>();
    const queue: string[] = [dir];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const dep of this.describe(current).deps) {
        const found = findInstalled(current, dep);
        if (found === undefined) {
          ids.add(`${dep}:missing`);
          continue;
        }
        const real = realpath(found);
        if (seen.has(real)) continue;
        seen.add(real);
        ids.add(this.describe(real).id);
        if (seen.size >= MAX_CLOSURE) {
          ids.add(`…cut at ${MAX_CLOSURE}`);
          queue.length = 0;
          break;
        }
        queue.push(real);
      }
    }
    return [own, ...[...ids].sort()];
  }
}

function realpath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
