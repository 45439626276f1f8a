// Files a computed require can load: `require('./modules/' + name)` or
// require(`./modules/${name}.js`) is how agents load their per-module patchers, and each of them is
// code Node runs. The analysis reads prefix and suffix from the syntax; this lists the matches.
import fs from 'node:fs';
import path from 'node:path';
import { isCodeFile, isDeclarationFile } from './file-kinds.js';
import { resolveModule } from './resolve-module.js';

/**
 * A prefix ending in this segment (`./modules/**`) stands for a path whose variable part may hold
 * folders too (`path.resolve(__dirname, 'modules', info.modPath)` with modPath `@redis/client/index.js`):
 * every code file under the folder, at any depth, matches.
 */
export const DEEP = '**';
const MAX_DEEP_LEVELS = 6;
const MAX_DEEP_FILES = 2000;

/** Extensions a specifier may leave off (and that a `${name}.js` suffix may stand for in sources). */
const RESOLVABLE = ['.js', '.cjs', '.mjs', '.ts', '.tsx', '.mts', '.cts', '.json'];

/**
 * Every file `prefix + <anything without '/'> + suffix` resolves to from `fromFile`: one folder level,
 * plus `<dir>/index.js` when the suffix is empty or starts with '/'. Only relative prefixes are
 * matched (a bare prefix would be a guess across node_modules). Sorted, absolute, realpaths.
 */
export function filesMatchingPattern(fromFile: string, prefix: string, suffix: string): string[] {
  if (!(prefix.startsWith('./') || prefix.startsWith('../'))) return [];
  if (prefix.endsWith(`/${DEEP}`)) return codeFilesUnder(path.resolve(path.dirname(fromFile), prefix.slice(0, -DEEP.length)), suffix);
  const slash = prefix.lastIndexOf('/');
  const folderSpec = prefix.slice(0, slash + 1);
  const namePrefix = prefix.slice(slash + 1);
  const folder = path.resolve(path.dirname(fromFile), folderSpec);
  // A suffix with a folder in it (`/index.js`) means the variable part names a folder.
  const suffixSlash = suffix.indexOf('/');
  const nameSuffix = suffixSlash === -1 ? suffix : suffix.slice(0, suffixSlash);
  const afterName = suffixSlash === -1 ? '' : suffix.slice(suffixSlash);

  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const found = new Set<string>();
  for (const entry of entries) {
    for (const name of specNames(entry, folder, nameSuffix, afterName)) {
      if (!name.startsWith(namePrefix) || !name.endsWith(nameSuffix)) continue;
      if (name.length < namePrefix.length + nameSuffix.length) continue;
      const resolution = resolveModule(fromFile, folderSpec + name + afterName);
      if (resolution.kind !== 'file') continue;
      // Source maps, declarations and data beside the modules are not code the pattern loads.
      if (!isCodeFile(resolution.path) || isDeclarationFile(resolution.path)) continue;
      found.add(resolution.path);
    }
  }
  return [...found].sort();
}

/** The names a folder entry can be written as in the specifier (`x`, `x.js` for x.ts …). */
function specNames(entry: fs.Dirent, folder: string, nameSuffix: string, afterName: string): string[] {
  if (isFolder(entry, folder)) return [entry.name];
  if (afterName !== '' || isDeclarationFile(entry.name)) return [];
  const ext = path.extname(entry.name);
  if (!RESOLVABLE.includes(ext)) return [entry.name];
  const stem = entry.name.slice(0, entry.name.length - ext.length);
  // Without a suffix `x.js` and `x.ts` are both written `x`: one specifier, one resolution, no duplicate.
  if (nameSuffix === '') return [stem];
  return [entry.name, stem, `${stem}.js`, `${stem}.cjs`, `${stem}.mjs`];
}

function isFolder(entry: fs.Dirent, folder: string): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(path.join(folder, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Code files under `folder` whose names end with `suffix` (any when empty), sorted: bounded in depth
 * and count, never into node_modules and never through a symlinked folder (a loop, or a way out of
 * the package).
 */
function codeFilesUnder(folder: string, suffix: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, level: number): void => {
    if (level > MAX_DEEP_LEVELS) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found.length >= MAX_DEEP_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full, level + 1);
      } else if (entry.isFile() && isCodeFile(full) && !isDeclarationFile(full) && full.endsWith(suffix)) {
        const resolution = resolveModule(full, `./${entry.name}`);
        if (resolution.kind === 'file') found.push(resolution.path);
      }
    }
  };
  walk(folder, 0);
  return [...new Set(found)].sort();
}
