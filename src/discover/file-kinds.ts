// What counts as code, a test or a declaration when discovery has to pick files without an entry point.

export const JS_EXTENSIONS = ['.js', '.cjs', '.mjs'] as const;
export const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'] as const;

/** Folders whose code Node never loads from an installed package: tests, mocks, coverage reports. */
const TEST_DIRS = new Set(['test', 'tests', '__tests__', '__mocks__', 'coverage']);

export function isDeclarationFile(file: string): boolean {
  return /\.d\.[cm]?ts$/.test(file) || /\.d\.[^./]+\.ts$/.test(file);
}

export function isJsFile(file: string): boolean {
  return JS_EXTENSIONS.some((ext) => file.endsWith(ext));
}

export function isTsFile(file: string): boolean {
  return TS_EXTENSIONS.some((ext) => file.endsWith(ext)) && !isDeclarationFile(file);
}

export function isCodeFile(file: string): boolean {
  return isJsFile(file) || isTsFile(file);
}

/** `relPath` is relative to the package, `/` separators. */
export function isTestPath(relPath: string): boolean {
  const segments = relPath.split('/');
  const base = segments[segments.length - 1]!; // split gives one segment at least
  if (/\.(test|spec)\.[^/]+$/.test(base)) return true;
  return segments.slice(0, -1).some((s) => TEST_DIRS.has(s));
}

/** A source map is larger than its code, but not without bound: read (and its state kept for the cache) up to this. */
export const MAX_MAP_BYTES = 16 * 1024 * 1024;
