import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection } from '../src/analysis/audit.js';
import { stableInitializer } from '../src/analysis/manifest-path.js';
import { resolveIdentifier } from '../src/analysis/scope.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { regexCompileMeta } from './regex-compile.meta.js';

// Building a RegExp from a runtime string parses the pattern and, on first exec, compiles it. V8 keeps
// a small cache keyed by (source, flags), so a pattern that never changes costs an allocation and a
// lookup, but one that embeds request data (a URL, a header) is compiled afresh every time.

/** A regex literal, or a variable that holds one: `new RegExp(re, 'g')` copies an already-parsed pattern. */
function isRegexValue(expr: ts.Expression, ctx: AuditContext): boolean {
  const e = ctx.unwrap(expr);
  if (e.kind === ts.SyntaxKind.RegularExpressionLiteral) return true;
  if (!ts.isIdentifier(e)) return false;
  const decl = resolveIdentifier(e);
  return decl !== undefined && stableInitializer(decl, (init) => ctx.unwrap(init).kind === ts.SyntaxKind.RegularExpressionLiteral) !== undefined;
}

function isRegExpConstructor(expr: ts.Expression, ctx: AuditContext): boolean {
  const e = ctx.unwrap(expr);
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'RegExp' && ctx.isGlobal(e.expression, 'globalThis');
  return ctx.isGlobal(e, 'RegExp');
}

export const regexCompile = defineAudit(regexCompileMeta, {
  kinds: [ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression],
  detect(expr, ctx): Detection | undefined {
    if (!isRegExpConstructor(expr.expression, ctx)) return undefined;
    const pattern = expr.arguments?.[0];
    // no pattern, a constant string, or a regex literal: nothing is built from runtime data
    if (pattern === undefined || ctx.constantString(pattern) !== undefined || isRegexValue(pattern, ctx)) return undefined;
    return { node: expr, operation: 'new RegExp' };
  },
});
