// The files of a package that Node actually loads: from its entry points, follow `require`/`import`/
// `export … from` (static, and computed ones such as `require('./modules/' + name)`) while they stay
// inside the package. Files of dependencies are not listed here; the call graph reaches into them.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import { constantString } from './context.js';
import { DEEP } from '../discover/computed-require.js';
import { isGlobalIdentifier, isRequireCall, memberName, unwrap } from './module-ref.js';
import { isFunctionLike, resolveIdentifier } from './scope.js';
import { syntaxIndex } from './syntax-index.js';
import type { Workspace } from './workspace.js';

type Spec = { spec: string } | { prefix: string; suffix: string };

/** Static prefix and suffix of a computed module path: `'./m/' + name`, `` `./m/${name}.js` ``. */
function patternOf(expr: ts.Expression): Spec | undefined {
  const e = unwrap(expr);
  const whole = constantString(e);
  if (whole !== undefined) return { spec: whole };
  if (ts.isTemplateExpression(e)) {
    const last = e.templateSpans[e.templateSpans.length - 1]!;
    return { prefix: e.head.text, suffix: e.templateSpans.length === 1 ? last.literal.text : '' };
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = patternOf(e.left);
    const right = constantString(e.right);
    if (left && 'spec' in left) return { prefix: left.spec, suffix: right ?? '' };
    if (left && 'prefix' in left && right !== undefined) return { prefix: left.prefix, suffix: right };
  }
  return undefined;
}

/** Array methods that call their callback with each element first. */
const ITERATORS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);

/**
 * The constant strings a variable takes from the array it iterates: `list.forEach((key) => require(key))`,
 * `for (const key of list) require(key)` with `let list = ['./instrumentation/http', …]` (an agent's list
 * of its instrumentations, required one by one at start-up). Empty when it is not such an element.
 */
function iteratedStrings(expr: ts.Expression): string[] {
  const e = unwrap(expr);
  const d = ts.isIdentifier(e) ? resolveIdentifier(e) : undefined;
  if (!d) return [];
  let source: ts.Expression | undefined;
  if (ts.isParameter(d) && isFunctionLike(d.parent) && d.parent.parameters[0] === d) {
    const call = d.parent.parent;
    const callee = ts.isCallExpression(call) && call.arguments[0] === d.parent ? unwrap(call.expression) : undefined;
    if (callee && ts.isPropertyAccessExpression(callee) && ITERATORS.has(callee.name.text)) source = callee.expression;
  } else if (ts.isVariableDeclaration(d) && ts.isVariableDeclarationList(d.parent) && ts.isForOfStatement(d.parent.parent)) {
    source = d.parent.parent.expression;
  }
  let list = source && unwrap(source);
  if (list && ts.isIdentifier(list)) {
    const decl = resolveIdentifier(list);
    list = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  }
  if (!list || !ts.isArrayLiteralExpression(list)) return [];
  return list.elements.flatMap((el) => {
    const text = constantString(el);
    return text === undefined ? [] : [text];
  });
}

export function moduleSpecs(sf: ts.SourceFile): Spec[] {
  const out: Spec[] = [];
  // import/export declarations are top-level statements; require()/import() calls come from the
  // syntax index, which hook discovery builds anyway (one walk per file instead of two)
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      out.push({ spec: st.moduleSpecifier.text });
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      out.push({ spec: st.moduleReference.expression.text });
    }
  }
  for (const call of syntaxIndex(sf).calls) {
    const folder = codeFolderPath(call);
    if (folder) out.push(folder);
    if (!(isRequireCall(call) || call.expression.kind === ts.SyntaxKind.ImportKeyword) || !call.arguments[0]) continue;
    const p = patternOf(call.arguments[0]);
    if (p) out.push(p);
    else for (const spec of iteratedStrings(call.arguments[0])) out.push({ spec });
  }
  return out;
}

/**
 * The folder a path expression names, relative to its file's folder, when it is built from `__dirname`
 * with constant parts: `__dirname` → `.`, `path.join(path.resolve(__dirname, '..'), 'src', 'plugins')` →
 * `../src/plugins`, also through a constant holding one (`const pluginDirectory = …`).
 */
function dirnameRelative(expr: ts.Expression, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const e = unwrap(expr);
  if (isGlobalIdentifier(e, '__dirname')) return '.';
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(e);
    const constant = d && ts.isVariableDeclaration(d) && d.initializer && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const;
    return constant ? dirnameRelative(d.initializer, depth + 1) : undefined;
  }
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  const name = memberName(callee);
  if ((name !== 'resolve' && name !== 'join') || !ts.isPropertyAccessExpression(callee)) return undefined;
  const [base, ...parts] = e.arguments;
  const from = base && dirnameRelative(base, depth + 1);
  if (from === undefined) return undefined;
  const texts = parts.map((p) => constantString(p));
  if (texts.some((t) => t === undefined || path.posix.isAbsolute(t))) return undefined;
  return path.posix.join(from, ...(texts as string[]));
}

/**
 * `path.resolve(__dirname, 'modules', name)`, `path.join(__dirname, 'plugins', `${name}.js`)`: a path
 * into a folder of the package's own, with a variable tail. Agents build their patchers' paths this
 * way, keep them in a registry and `require` them later through variables no syntax follows; the
 * files such a path can name are code Node may load, so they count as loaded (every code file under
 * the folder, at any depth: the tail may hold folders). At least one constant folder is needed — a
 * bare `path.join(__dirname, x)` says nothing about where x points. A whole constant path to a code
 * file (`path.join(pluginDirectory, 'plugin-http.js')` in a registry of plugin paths) is that file.
 */
function codeFolderPath(call: ts.CallExpression): Spec | undefined {
  const callee = unwrap(call.expression);
  const name = memberName(callee);
  if ((name !== 'resolve' && name !== 'join') || !ts.isPropertyAccessExpression(callee)) return undefined;
  const [base, ...parts] = call.arguments;
  const from = base && dirnameRelative(base);
  if (from === undefined || parts.length === 0) return undefined;
  const whole = dirnameRelative(call);
  if (whole !== undefined) return CODE_FILE.test(whole) && from !== whole ? { spec: relativeSpec(whole) } : undefined; // data, or a folder
  if (parts.length < 2 && from === '.') return undefined;
  const folders: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const text = constantString(part);
    if (text === undefined || text.includes('..')) return undefined;
    folders.push(text.replace(/^\/+|\/+$/g, ''));
  }
  const tail = parts[parts.length - 1]!;
  if (ts.isSpreadElement(tail)) return undefined;
  const folder = path.posix.join(from, ...folders.filter((f) => f !== '' && f !== '.'));
  if (folder === '.') return undefined;
  const tailPattern = patternOf(tail);
  return { prefix: `${relativeSpec(folder)}/${DEEP}`, suffix: tailPattern && 'prefix' in tailPattern ? tailPattern.suffix : '' };
}

const CODE_FILE = /\.(c|m)?js$/;

/** `src/x` → `./src/x`; `../x` stays. */
function relativeSpec(p: string): string {
  return p.startsWith('../') ? p : `./${p}`;
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules');
}

/** Entry files plus everything they load inside the package, sorted. Unreadable files are left out (and reported by the workspace). */
export function packageFiles(pkgDir: string, entries: string[], ws: Workspace): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  const files: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const unit = ws.load(file);
    if (!unit) continue;
    files.push(file);
    for (const s of moduleSpecs(unit.sf)) {
      if ('spec' in s) {
        if (!s.spec.startsWith('.') && !s.spec.startsWith('/')) continue;
        const r = ws.resolve(file, s.spec);
        if (r.kind === 'file' && inside(pkgDir, r.path) && /\.(c|m)?[jt]sx?$/.test(r.path) && !r.path.endsWith('.d.ts')) queue.push(r.path);
      } else if (s.prefix.startsWith('.')) {
        // a folder outside the package (`../..` from a file near its root) is another package's: not listed
        if (s.prefix.endsWith(`/${DEEP}`) && !inside(pkgDir, path.resolve(path.dirname(file), s.prefix.slice(0, -DEEP.length - 1)))) continue;
        for (const f of ws.matching(file, s.prefix, s.suffix)) if (inside(pkgDir, f)) queue.push(f);
      }
    }
  }
  return files.sort();
}
