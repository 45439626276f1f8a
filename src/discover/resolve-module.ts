// Module resolution for the analysis: Node's CommonJS algorithm for what Node loads, plus the
// TypeScript rules that let the same analysis follow imports through unbuilt .ts sources.
// Called for every import of every analysed file, so every answer — misses too — is cached.
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { isDeclarationFile, isTsFile } from './file-kinds.js';
import { isFile } from './load-as-file.js';
import { resolvePackageEntry } from './resolve-package-entry.js';
import { realpathSync } from './real-path.js';

export type Resolution = { kind: 'file'; path: string } | { kind: 'builtin'; name: string } | { kind: 'missing'; spec: string };

/** Extensions tried for `./x` from a TypeScript file: what tsc itself resolves, sources before output. */
const TS_IMPORTER_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.cjs', '.mjs', '.json'];
/** From JavaScript: what require() tries, then sources (a .js file beside unbuilt .ts siblings). */
const JS_IMPORTER_EXTENSIONS = ['.js', '.json', '.cjs', '.mjs', '.ts', '.tsx', '.mts', '.cts'];
/** NodeNext style: `import './x.js'` in TypeScript means `./x.ts`. */
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

const cache = new Map<string, Resolution>();
const requires = new Map<string, NodeJS.Require>();

export function resolveModule(fromFile: string, spec: string): Resolution {
  if (isBuiltin(spec)) return { kind: 'builtin', name: spec.startsWith('node:') ? spec.slice('node:'.length) : spec };
  const dir = path.dirname(fromFile);
  const fromTs = isTsFile(fromFile) || isDeclarationFile(fromFile);
  // The importer's language changes the answer for relative specifiers (x.ts vs x.js side by side).
  const key = `${dir}\0${fromTs ? 't' : 'j'}\0${spec}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const resolved = isPathSpecifier(spec) ? resolvePath(dir, spec, fromTs) : resolveBare(dir, spec);
  const result: Resolution = resolved === undefined ? { kind: 'missing', spec } : { kind: 'file', path: realpath(resolved) };
  cache.set(key, result);
  return result;
}

/** For tests and long-running hosts whose files change between scans. */
export function clearResolveCache(): void {
  cache.clear();
  requires.clear();
}

function isPathSpecifier(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../') || path.isAbsolute(spec);
}

function resolvePath(dir: string, spec: string, fromTs: boolean): string | undefined {
  const base = path.resolve(dir, spec);
  const ext = path.extname(base);
  const swapped = (TS_FOR_JS[ext] ?? []).map((tsExt) => base.slice(0, base.length - ext.length) + tsExt);
  // From TypeScript `./x.js` is `./x.ts` whenever that exists; from JavaScript only when x.js does not.
  const direct = fromTs ? [...swapped, base] : [base, ...swapped];
  const extensions = fromTs ? TS_IMPORTER_EXTENSIONS : JS_IMPORTER_EXTENSIONS;
  const candidates = [...direct, ...extensions.map((e) => base + e), ...extensions.map((e) => path.join(base, `index${e}`))];
  const hit = candidates.find((c) => isFile(c) && !isDeclarationFile(c));
  if (hit !== undefined) return hit;
  // A folder with its own package.json `main`: rare in relative imports, so left to Node.
  return requireResolve(dir, spec);
}

function resolveBare(dir: string, spec: string): string | undefined {
  return requireResolve(dir, spec) ?? resolvePackageEntry(dir, spec);
}

function requireResolve(dir: string, spec: string): string | undefined {
  let req = requires.get(dir);
  if (req === undefined) {
    // The file need not exist: createRequire only uses it as the starting point of the lookup.
    req = createRequire(path.join(dir, '__otel_audit_resolve__.js'));
    requires.set(dir, req);
  }
  try {
    const resolved = req.resolve(spec);
    return path.isAbsolute(resolved) ? resolved : undefined;
  } catch {
    return undefined; // not found, not exported, or an ESM-only package: the caller has a fallback
  }
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Node's resolution, then the scanned packages by name: a monorepo's packages import each other by
 * name through tsconfig `paths` or workspace links that may not exist on disk yet.
 */
export function resolveWithPackages(byName: ReadonlyMap<string, { dir: string; entries: readonly string[] }>, fromFile: string, spec: string): Resolution {
  const r = resolveModule(fromFile, spec);
  if (r.kind !== 'missing' || spec.startsWith('.') || path.isAbsolute(spec)) return r;
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const pkg = byName.get(parts.slice(0, nameLength).join('/'));
  if (!pkg) return r;
  const sub = parts.slice(nameLength).join('/');
  if (!sub) return pkg.entries[0] ? { kind: 'file', path: pkg.entries[0] } : r;
  return resolveModule(path.join(pkg.dir, 'package.json'), `./${sub}`);
}
