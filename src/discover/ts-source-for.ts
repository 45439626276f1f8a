// Unbuilt monorepo packages point `main`/`exports` at build output that does not exist yet; their
// code is the TypeScript under src/. These map a compiled path back to the source tsc builds it from.
import fs from 'node:fs';
import path from 'node:path';
import { isTsFile } from './file-kinds.js';
import { isFile } from './load-as-file.js';

const TS_FOR_JS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.cjs': ['.cts', '.ts'],
  '.mjs': ['.mts', '.ts'],
  '': ['.ts', '.tsx'],
};

/** A package of TypeScript sources: a tsconfig.json and at least one .ts file (not .d.ts) in src/. */
export function hasTsSources(pkgDir: string): boolean {
  if (!isFile(path.join(pkgDir, 'tsconfig.json'))) return false;
  return containsTs(path.join(pkgDir, 'src'));
}

function containsTs(dir: string): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  if (entries.some((e) => e.isFile() && isTsFile(e.name))) return true;
  return entries.some((e) => e.isDirectory() && e.name !== 'node_modules' && containsTs(path.join(dir, e.name)));
}

/**
 * The source of a compiled target (`./build/src/index.js` → `<pkg>/src/index.ts`): tsc keeps the path
 * below its outDir, so drop leading folders until `<rest>.ts` or `src/<rest>.ts` exists.
 */
export function tsSourceFor(pkgDir: string, target: string): string | undefined {
  const normalized = path.posix.normalize(target.replace(/\\/g, '/')).replace(/^\.\//, '');
  if (normalized.startsWith('..')) return undefined;
  const ext = path.posix.extname(normalized);
  const tsExts = TS_FOR_JS[ext];
  if (tsExts === undefined) return undefined;
  const segments = normalized.slice(0, normalized.length - ext.length).split('/');
  for (let i = 0; i < segments.length; i++) {
    const rest = segments.slice(i).join('/');
    const bases = rest.startsWith('src/') ? [rest] : [rest, `src/${rest}`];
    for (const base of bases) {
      for (const tsExt of tsExts) {
        const candidate = path.join(pkgDir, base + tsExt);
        if (isFile(candidate)) return candidate;
      }
    }
  }
  return undefined;
}
