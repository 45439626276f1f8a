// The files of a package that Node actually loads: from its entry points, follow `require`/`import`/
// `export … from` (static, and computed ones such as `require('./modules/' + name)`) while they stay
// inside the package. Files of dependencies are not listed here; the call graph reaches into them.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import { constantString } from './context.js';
import { isRequireCall, unwrap } from './module-ref.js';
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
    if (!(isRequireCall(call) || call.expression.kind === ts.SyntaxKind.ImportKeyword) || !call.arguments[0]) continue;
    const p = patternOf(call.arguments[0]);
    if (p) out.push(p);
  }
  return out;
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
