// The `exports` map as Node reads it, through resolve.exports (a spec-complete resolver with no file
// system access, so discovery decides itself which targets exist).
import { exports as resolveExports, type Exports } from 'resolve.exports';

/** `require` first: the CommonJS build is what Node loads for require(), and it is one build. */
export type ExportMode = 'require' | 'import';

/**
 * The subpaths a package exports that name one module: '.' and './x', not wildcard patterns
 * ('./*'), folder mappings ('./x/') or JSON files, which are not code to analyse.
 */
export function exportSubpaths(exportsField: unknown): string[] {
  if (!isExportsValue(exportsField)) return [];
  if (typeof exportsField === 'string' || Array.isArray(exportsField)) return ['.'];
  const keys = Object.keys(exportsField);
  // An object whose keys are conditions ({ require, import }) is sugar for { ".": … }.
  if (!keys.some((k) => k.startsWith('.'))) return ['.'];
  return keys.filter((k) => k.startsWith('.') && !k.includes('*') && !k.endsWith('/') && !k.endsWith('.json')).sort();
}

/** Targets (`./build/src/index.js`, in fallback order) of one subpath, or [] when none matches. */
export function exportTargets(name: string, exportsField: unknown, subpath: string, mode: ExportMode): string[] {
  if (!isExportsValue(exportsField)) return [];
  try {
    // conditions: node (not browser) + require|import + default, as Node itself uses them.
    const out = resolveExports({ name, exports: exportsField as Exports }, subpath, { require: mode === 'require' });
    return out ? [...out] : [];
  } catch {
    // resolve.exports throws when the subpath or condition is not exported: nothing to load there.
    return [];
  }
}

function isExportsValue(value: unknown): value is string | object {
  return typeof value === 'string' || (typeof value === 'object' && value !== null);
}
