// Files a computed require can load: `require('./modules/' + name)` or
// require(`./modules/${name}.js`) is how agents load their per-module patchers, and each of them is
// code Node runs. The analysis reads prefix and suffix from the syntax; this lists the matches.
import fs from 'node:fs';
import path from 'node:path';
import { isCodeFile, isDeclarationFile } from './file-kinds.js';
import { resolveModule } from './resolve-module.js';

/** Extensions a specifier may leave off (and that a `${name}.js` suffix may stand for in sources). */
const RESOLVABLE = ['.js', '.cjs', '.mjs', '.ts', '.tsx', '.mts', '.cts', '.json'];

/**
 * Every file `prefix + <anything without '/'> + suffix` resolves to from `fromFile`: one folder level,
 * plus `<dir>/index.js` when the suffix is empty or starts with '/'. Only relative prefixes are
 * matched (a bare prefix would be a guess across node_modules). Sorted, absolute, realpaths.
 */
export function filesMatchingPattern(fromFile: string, prefix: string, suffix: string): string[] {
  if (!(prefix.startsWith('./') || prefix.startsWith('../'))) return [];
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
