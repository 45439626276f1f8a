import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection } from '../src/analysis/audit.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { codeCompileMeta } from './code-compile.meta.js';

// `new Function(args, body)`, `eval(code)` and the vm module hand JavaScript source to the parser and
// the compiler at run time. V8 keeps a compilation cache keyed by source, so the same source costs a
// lookup and a new closure (microseconds); a source that embeds per-call data is parsed and compiled
// afresh (tens of microseconds), and the code always starts cold in the interpreter. Constant sources
// are flagged too: a `new Function('return this')` per call is still a compile-cache lookup per call
// where a plain closure would do.
const VM_FUNCTIONS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);

/** `Function` or `globalThis.Function`, the global one (not a local or a parameter named so). */
function isFunctionConstructor(expr: ts.Expression, ctx: AuditContext): boolean {
  const e = ctx.unwrap(expr);
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'Function' && ctx.isGlobal(e.expression, 'globalThis');
  return ctx.isGlobal(e, 'Function');
}

function detectVm(expr: ts.NewExpression | ts.CallExpression, ctx: AuditContext): Detection | undefined {
  const member = ctx.calleeMember(expr.expression);
  if (member !== undefined && member !== 'Script' && !VM_FUNCTIONS.has(member)) return undefined;
  const ref = ctx.moduleRef(ctx.unwrap(expr.expression));
  if (!ref || ref.module !== 'vm' || ref.path.length !== 1) return undefined;
  const name = ref.path[0]!;
  if (ts.isNewExpression(expr)) return name === 'Script' ? { node: expr, operation: 'new vm.Script' } : undefined;
  return VM_FUNCTIONS.has(name) ? { node: expr, operation: `vm.${name}` } : undefined;
}

export const codeCompile = defineAudit(codeCompileMeta, {
  kinds: [ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression],
  detect(expr, ctx): Detection | undefined {
    // `new Function(…)` and `Function(…)` compile the same way; without a body there is nothing to compile
    if (isFunctionConstructor(expr.expression, ctx)) return (expr.arguments?.length ?? 0) > 0 ? { node: expr, operation: 'new Function' } : undefined;
    // a direct eval of something other than a string literal (a literal is folded by the code's author, rarely per call)
    if (ts.isCallExpression(expr) && ctx.isGlobal(ctx.unwrap(expr.expression), 'eval')) {
      const code = expr.arguments[0];
      return code !== undefined && ctx.constantString(code) === undefined ? { node: expr, operation: 'eval' } : undefined;
    }
    return detectVm(expr, ctx);
  },
});
