// The files of a package that Node actually loads: from its entry points, follow `require`/`import`/
// `export … from` (static, and computed ones such as `require('./modules/' + name)`) while they stay
// inside the package. Files of dependencies are not listed here; the call graph reaches into them.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import { constantString } from './context.js';
import { DEEP } from '../discover/computed-require.js';
import { isGlobalIdentifier, isRequireCall, memberName, unwrap } from './module-ref.js';
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
  }
  return out;
}

/**
 * `path.resolve(__dirname, 'modules', name)`, `path.join(__dirname, 'plugins', `${name}.js`)`: a path
 * into a folder of the package's own, with a variable tail. Agents build their patchers' paths this
 * way, keep them in a registry and `require` them later through variables no syntax follows; the
 * files such a path can name are code Node may load, so they count as loaded (every code file under
 * the folder, at any depth: the tail may hold folders). At least one constant folder is needed — a
 * bare `path.join(__dirname, x)` says nothing about where x points.
 */
function codeFolderPath(call: ts.CallExpression): Spec | undefined {
  const callee = unwrap(call.expression);
  const name = memberName(callee);
  if ((name !== 'resolve' && name !== 'join') || !ts.isPropertyAccessExpression(callee)) return undefined;
  const [base, ...parts] = call.arguments;
  if (!base || !isGlobalIdentifier(unwrap(base), '__dirname') || parts.length < 2) return undefined;
  const folders: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const text = constantString(part);
    if (text === undefined || text.includes('..')) return undefined;
    folders.push(text.replace(/^\/+|\/+$/g, ''));
  }
  const tail = parts[parts.length - 1]!;
  if (constantString(tail) !== undefined || ts.isSpreadElement(tail)) return undefined; // a constant path: a plain file, or data
  const folder = folders.filter((f) => f !== '' && f !== '.').join('/');
  if (folder === '') return undefined;
  const tailPattern = patternOf(tail);
  return { prefix: `./${folder}/${DEEP}`, suffix: tailPattern && 'prefix' in tailPattern ? tailPattern.suffix : '' };
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
        for (const f of ws.matching(file, s.prefix, s.suffix)) if (inside(pkgDir, f)) queue.push(f);
      }
    }
  }
  return files.sort();
}
