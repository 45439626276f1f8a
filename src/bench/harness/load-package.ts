// Loads a package's entry the way a user's `require('<name>')` would (its `exports` honoured), from the
// package's own folder; ESM-only packages through import(). Runs in a bench child process only.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportTargets } from '../../discover/export-targets.js';
import { provideReflectMetadata } from './reflect-metadata.js';

export interface LoadedPackage {
  exports: Record<string, unknown>;
  /** require() from inside the package: resolves its dependencies and target modules as it would */
  require: NodeJS.Require;
  /** realpath of the package folder */
  dir: string;
  /** the CommonJS modules the package's entry loaded, directly or not (empty for ESM) */
  graph: NodeJS.Module[];
  /** which of them live in this package (not in a dependency): decides what is "its own" */
  ownFiles: Set<string>;
}

/** The entry module and everything it required, through `children` (which Node fills in for cached modules too). */
function moduleGraph(entry: NodeJS.Module | undefined): NodeJS.Module[] {
  const seen = new Set<NodeJS.Module>();
  const stack = entry ? [entry] : [];
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (seen.has(m)) continue;
    seen.add(m);
    stack.push(...m.children);
  }
  return [...seen];
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules');
}

function entryPath(req: NodeJS.Require, dir: string, name: string): string {
  // By name first (honours `exports`); a folder outside node_modules (a fixture, a checkout) has no
  // name to resolve, and a name can resolve to another copy: then the folder's own `main`.
  try {
    const byName = fs.realpathSync(req.resolve(name));
    if (inside(dir, byName)) return byName;
  } catch {
    // not resolvable by name from here
  }
  return req.resolve(dir);
}

/** An ESM-only package's entry: its `import` export, else `module` or `main`. */
function esmEntry(dir: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports?: unknown; module?: string; main?: string };
  const target = exportTargets(name, manifest.exports, '.', 'import')[0] ?? manifest.module ?? manifest.main ?? 'index.js';
  return path.join(dir, target);
}

function asRecord(value: unknown): Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Record<string, unknown>) : {};
}

export async function loadPackage(dirGiven: string, name: string): Promise<LoadedPackage> {
  const dir = fs.realpathSync(dirGiven);
  const req = createRequire(path.join(dir, 'package.json'));
  // before the package: an application loads this polyfill before anything that uses it
  provideReflectMetadata(req);
  let loaded: unknown;
  let file: string | undefined;
  try {
    file = entryPath(req, dir, name);
    loaded = req(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw err;
    loaded = await import(pathToFileURL(file ?? esmEntry(dir, name)).href);
  }
  const graph = moduleGraph(file !== undefined ? req.cache[file] : undefined);
  const ownFiles = new Set(graph.map((m) => m.filename).filter((f) => inside(dir, f)));
  return { exports: asRecord(loaded), require: req, dir, graph, ownFiles };
}

/**
 * true when `value` is exported by a module outside the package that the package loaded: then it is a
 * dependency's class re-exported (sdk-trace-base re-exporting sdk-trace's samplers), measured with its
 * own package. Only the package's own module graph counts: the harness itself loads the SDK.
 */
export function isReexported(pkg: LoadedPackage, value: unknown): boolean {
  for (const mod of pkg.graph) {
    if (pkg.ownFiles.has(mod.filename)) continue;
    const exp = mod.exports as unknown;
    if (exp === value) return true;
    if ((typeof exp !== 'object' && typeof exp !== 'function') || exp === null) continue;
    for (const key of Object.keys(exp)) {
      const d = Object.getOwnPropertyDescriptor(exp, key);
      // getters (tsc re-exports) are read: they are plain `return m.X` accessors
      let v: unknown;
      try {
        v = d?.get ? (exp as Record<string, unknown>)[key] : d?.value;
      } catch {
        continue;
      }
      if (v === value) return true;
    }
  }
  return false;
}
