// The files of a package that Node loads first, from which the analysis follows imports. One build
// only: entries are resolved with the `require` condition, which names the CommonJS build, and the
// fallbacks drop the other builds.
import path from 'node:path';
import type { ReportError } from '../model/report.js';
import { dropDuplicateBuilds } from './build-variants.js';
import { exportSubpaths, exportTargets } from './export-targets.js';
import { isCodeFile, isJsFile, isTsFile } from './file-kinds.js';
import type { DiscoveredPackage } from './find-packages.js';
import { listCodeFiles } from './list-code-files.js';
import { checkRegularFile } from './read-regular-file.js';
import { isFile, loadAsFile } from './load-as-file.js';
import { hasTsSources, tsSourceFor } from './ts-source-for.js';

export type EntryMode = 'entry-points' | 'all-files' | 'ts-sources';

/** A declared entry (exports target, main, module) and whether it exists. */
interface Declared {
  /** how the manifest names it, for messages: `exports["./x"]`, `main` */
  field: string;
  /** relative target as written */
  target: string;
  file: string | undefined;
}

/**
 * Errors name the package as `name@version` and carry absolute file paths (only the caller knows the
 * scanned root to make them relative).
 */
export function entryFiles(pkg: DiscoveredPackage): { files: string[]; mode: EntryMode; errors: ReportError[] } {
  const declared = declaredEntries(pkg);
  const found = declared.flatMap((d) => (d.file !== undefined && isCodeFile(d.file) ? [d.file] : []));
  const missing = declared.filter((d) => d.file === undefined);
  const id = `${pkg.name}@${pkg.version}`;
  const missingErrors = (): ReportError[] =>
    missing.map((d) => {
      const file = path.join(pkg.dir, d.target);
      // there, but not a file Node could load as code read by us (a FIFO, a link into /proc): not just missing
      const refused = checkRegularFile(file, Number.MAX_SAFE_INTEGER);
      if (refused?.kind === 'unreadable-file') return { package: id, file, kind: 'unreadable-file', message: `${d.field} points to ${d.target}: ${refused.message}` };
      return { package: id, file, kind: 'missing', message: `${d.field} points to ${d.target}, which does not exist` };
    });

  if (found.length > 0) {
    return { files: dropDuplicateBuilds(found, pkg.dir), mode: 'entry-points', errors: missingErrors() };
  }
  // An unbuilt package's build output is missing by design: its sources are the code, not an error.
  const nested = new Set(pkg.nested ?? []);
  if (hasTsSources(pkg.dir)) return { files: tsSources(pkg, declared, nested), mode: 'ts-sources', errors: [] };

  const errors = missingErrors();
  const listErrors: ReportError[] = [];
  let files = listCodeFiles(pkg.dir, pkg.dir, isJsFile, listErrors, nested);
  if (files.length === 0) files = listCodeFiles(pkg.dir, pkg.dir, isTsFile, listErrors, nested);
  errors.push(...listErrors.map((e) => ({ ...e, package: id })));
  return { files: dropDuplicateBuilds(files, pkg.dir), mode: 'all-files', errors };
}

/**
 * exports (every non-wildcard subpath, `require` first and `import` only where require matches
 * nothing), else main, else index.js, else `module` — which is ESM, so only when no CommonJS exists.
 * Node ignores `main` when `exports` exists; here main is still tried when exports resolves to no file
 * (exports that only carry `types` or `browser`), because analysing it beats analysing everything.
 */
function declaredEntries(pkg: DiscoveredPackage): Declared[] {
  const { manifest, dir } = pkg;
  const out: Declared[] = [];
  for (const subpath of exportSubpaths(manifest.exports)) {
    const field = `exports["${subpath}"]`;
    let targets = exportTargets(pkg.name, manifest.exports, subpath, 'require');
    let hit = firstExisting(dir, targets);
    if (hit === undefined) {
      targets = [...new Set([...targets, ...exportTargets(pkg.name, manifest.exports, subpath, 'import')])];
      hit = firstExisting(dir, targets);
    }
    if (targets.length === 0) continue; // not exported for Node (a types- or browser-only subpath)
    out.push({ field, target: hit?.target ?? targets[0]!, file: hit?.file });
  }
  if (out.some((d) => d.file !== undefined)) return out;

  // `"main": ""` is common in types-only packages and means no main to Node.
  if (manifest.main) {
    const file = insidePackage(dir, manifest.main) ? loadAsFile(path.join(dir, manifest.main)) : undefined;
    out.push({ field: 'main', target: manifest.main, file });
    if (file !== undefined) return out;
  }
  const index = loadAsFile(path.join(dir, 'index'));
  if (index !== undefined) return [...out, { field: 'index.js', target: 'index.js', file: index }];
  if (manifest.module) {
    const file = insidePackage(dir, manifest.module) ? loadAsFile(path.join(dir, manifest.module)) : undefined;
    out.push({ field: 'module', target: manifest.module, file });
  }
  return out;
}

function firstExisting(dir: string, targets: string[]): { target: string; file: string } | undefined {
  for (const target of targets) {
    const file = path.join(dir, target);
    if (insidePackage(dir, target) && isFile(file)) return { target, file };
  }
  return undefined;
}

/** A manifest can name `../elsewhere`; Node refuses that for exports, and discovery stays inside too. */
function insidePackage(dir: string, target: string): boolean {
  const rel = path.relative(dir, path.join(dir, target));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The sources behind the declared entries; else src/index.ts; else every source file. */
function tsSources(pkg: DiscoveredPackage, declared: Declared[], nested: ReadonlySet<string>): string[] {
  const mapped = new Set<string>();
  for (const d of declared) {
    const source = tsSourceFor(pkg.dir, d.target);
    if (source !== undefined) mapped.add(source);
  }
  if (mapped.size > 0) return [...mapped].sort();
  for (const name of ['index.ts', 'index.tsx', 'index.mts', 'index.cts']) {
    const index = path.join(pkg.dir, 'src', name);
    if (isFile(index)) return [index];
  }
  return listCodeFiles(pkg.dir, path.join(pkg.dir, 'src'), isTsFile, [], nested);
}
