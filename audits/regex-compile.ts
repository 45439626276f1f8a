import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection } from '../src/analysis/audit.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { regexCompileMeta } from './regex-compile.meta.js';

// Building a RegExp from a runtime string parses the pattern and, on first exec, compiles it. V8 keeps
// a small cache keyed by (source, flags), so a pattern that never changes costs an allocation and a
// lookup, but one that embeds request data (a URL, a header) is compiled afresh every time. Copying a
// regex literal (`new RegExp(/x/, 'g')`) still builds a new RegExp object on every call.
//
// Glob and route-template libraries compile their pattern into a RegExp on every call of their entry
// points (none of these keeps a cache): recognised by module and export, like `fs` calls, never by
// reading the dependency's code. Keys are the export path below the module (`''`: the module itself
// called, the CommonJS default); `new` marks a constructor.
const PATTERN_COMPILERS: Record<string, { calls: string[]; news: string[] }> = {
  minimatch: { calls: ['', 'minimatch', 'makeRe', 'filter', 'match'], news: ['Minimatch'] },
  picomatch: { calls: ['', 'picomatch', 'isMatch', 'makeRe', 'compileRe'], news: [] },
  micromatch: { calls: ['', 'micromatch', 'isMatch', 'matcher', 'makeRe', 'some', 'every', 'all', 'any', 'contains', 'not', 'match'], news: [] },
  'path-to-regexp': { calls: ['', 'pathToRegexp', 'match', 'compile', 'parse'], news: [] },
};
const COMPILER_EXPORTS = new Set(Object.values(PATTERN_COMPILERS).flatMap((c) => [...c.calls, ...c.news]));

/** `minimatch(path, glob)`, `picomatch(glob)`, `new Minimatch(glob)`, `match(route)` from path-to-regexp … */
function detectDependency(expr: ts.NewExpression | ts.CallExpression, ctx: AuditContext): Detection | undefined {
  // a cheap name test before resolving the callee: most calls are not to these libraries
  const member = ctx.calleeMember(expr.expression);
  if (member !== undefined && !COMPILER_EXPORTS.has(member)) return undefined;
  const ref = ctx.moduleRef(ctx.unwrap(expr.expression));
  const compiler = ref && Object.hasOwn(PATTERN_COMPILERS, ref.module) ? PATTERN_COMPILERS[ref.module] : undefined;
  if (!ref || !compiler || ref.path.length > 1) return undefined;
  const name = ref.path[0] ?? '';
  const isNew = ts.isNewExpression(expr);
  if (!(isNew ? compiler.news : compiler.calls).includes(name)) return undefined;
  const operation = `${isNew ? 'new ' : ''}${ref.module}${name ? `.${name}` : ''}`;
  return { node: expr, operation };
}

/** String methods that turn a string argument into a RegExp (`RegExpCreate`) on every call. */
const STRING_REGEX_METHODS = new Set(['match', 'matchAll', 'search']);

/** A string built at run time: a template with substitutions, or a concatenation with a string literal. */
function isBuiltString(expr: ts.Expression, ctx: AuditContext): boolean {
  const e = ctx.unwrap(expr);
  if (ts.isTemplateExpression(e)) return ctx.constantString(e) === undefined;
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.PlusToken || ctx.constantString(e) !== undefined) return false;
  const hasLiteral = (x: ts.Expression): boolean => {
    const u = ctx.unwrap(x);
    return ts.isStringLiteralLike(u) || ts.isTemplateExpression(u) || (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken && (hasLiteral(u.left) || hasLiteral(u.right)));
  };
  return hasLiteral(e);
}

/** `text.match(\`^${pattern}$\`)`: the string method compiles its string argument into a RegExp. */
function detectStringMethod(call: ts.CallExpression, ctx: AuditContext): Detection | undefined {
  const member = ctx.calleeMember(call.expression);
  const pattern = call.arguments[0];
  if (member === undefined || !STRING_REGEX_METHODS.has(member) || !pattern || !isBuiltString(pattern, ctx)) return undefined;
  return { node: call, operation: `String.prototype.${member}` };
}

function isRegExpConstructor(expr: ts.Expression, ctx: AuditContext): boolean {
  const e = ctx.unwrap(expr);
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'RegExp' && ctx.isGlobal(e.expression, 'globalThis');
  return ctx.isGlobal(e, 'RegExp');
}

export const regexCompile = defineAudit(regexCompileMeta, {
  kinds: [ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression],
  detect(expr, ctx): Detection | undefined {
    if (!isRegExpConstructor(expr.expression, ctx)) return detectDependency(expr, ctx) ?? (ts.isCallExpression(expr) ? detectStringMethod(expr, ctx) : undefined);
    const pattern = expr.arguments?.[0];
    // no pattern, or a constant string V8 finds in its cache (a regex literal copied is a new object)
    if (pattern === undefined || ctx.constantString(pattern) !== undefined) return undefined;
    return { node: expr, operation: 'new RegExp' };
  },
});
