// The second chance for a bare specifier that require.resolve rejects: a package that only exports
// an `import` condition (ESM-only), or an unbuilt workspace package whose main points at build output
// that does not exist yet (its code is src/*.ts). Node would fail at run time in the second case; the
// analysis still wants to follow the call into the sources.
import path from 'node:path';
import { exportTargets } from './export-targets.js';
import { isCodeFile } from './file-kinds.js';
import { isDirectory, isFile, loadAsFile } from './load-as-file.js';
import { readManifest } from './package-manifest.js';
import { tsSourceFor } from './ts-source-for.js';

export function resolvePackageEntry(fromDir: string, spec: string): string | undefined {
  const parsed = parseBareSpecifier(spec);
  if (parsed === undefined) return undefined;
  const pkgDir = findPackageDir(fromDir, parsed.name);
  if (pkgDir === undefined) return undefined;
  const read = readManifest(pkgDir);
  if ('error' in read) return undefined;
  const { manifest } = read;

  let targets: string[];
  if (manifest.exports !== undefined) {
    targets = [...exportTargets(parsed.name, manifest.exports, parsed.subpath, 'import'), ...exportTargets(parsed.name, manifest.exports, parsed.subpath, 'require')];
    const hit = targets.map((t) => path.join(pkgDir, t)).find((f) => isFile(f) && isCodeFile(f));
    if (hit !== undefined) return hit;
  } else {
    targets = parsed.subpath === '.' ? [manifest.main, manifest.module, 'index.js'].filter((t): t is string => t !== undefined) : [parsed.subpath];
    for (const target of targets) {
      const file = loadAsFile(path.join(pkgDir, target));
      if (file !== undefined && isCodeFile(file)) return file;
    }
  }
  for (const target of targets) {
    const source = tsSourceFor(pkgDir, target);
    if (source !== undefined) return source;
  }
  return undefined;
}

/** `@scope/name/sub/path` → { name: '@scope/name', subpath: './sub/path' }. */
export function parseBareSpecifier(spec: string): { name: string; subpath: string } | undefined {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.slice(0, nameLength).some((p) => p === '')) return undefined;
  const name = parts.slice(0, nameLength).join('/');
  const rest = parts.slice(nameLength).join('/');
  return { name, subpath: rest === '' ? '.' : `./${rest}` };
}

/** node_modules lookup upward from the importer, as Node does it. */
function findPackageDir(fromDir: string, name: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (isDirectory(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
