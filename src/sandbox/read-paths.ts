// What a child running package code may read under the Node permission model: the package, every
// node_modules folder Node's resolution walks from it (its dependencies, hoisted or nested), and the
// tool's own files. Both the path and its realpath are listed: a workspace package is reached through
// a symlink, and the module loader opens the realpath.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The otel-audit package folder (dist/src/sandbox → the folder of package.json). */
export const TOOL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** `dir` and every `node_modules` folder above it that exists (what `require` from `dir` walks). */
export function resolutionPaths(dir: string): string[] {
  const out = [dir];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const nm = path.basename(d) === 'node_modules' ? d : path.join(d, 'node_modules');
    if (existsSync(nm)) out.push(nm);
    if (path.dirname(d) === d) break;
  }
  return out;
}

/** The tool's files a child loads: its build, its package.json (module type) and its dependencies. */
export function toolReadPaths(root: string = TOOL_ROOT): string[] {
  return [path.join(root, 'dist'), path.join(root, 'package.json'), ...resolutionPaths(root).slice(1)];
}

/** Deduplicated, with realpaths, sorted; never a filesystem root (that would grant everything). */
export function readPathsFor(dirs: readonly string[], root: string = TOOL_ROOT): string[] {
  const all = new Set<string>();
  for (const p of [...dirs.flatMap(resolutionPaths), ...toolReadPaths(root)]) {
    for (const q of [path.resolve(p), real(p)]) if (q !== undefined && path.dirname(q) !== q) all.add(q);
  }
  return [...all].sort();
}
