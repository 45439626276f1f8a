// Syntax helpers every part of the analysis uses on expressions: see through wrappers compilers add,
// name a member access, and tell the real globals (`require`, `module`) from local look-alikes.
import { SyntaxKind, ts } from '../util/ts.cjs';
import type { RequireCall } from './audit.js';
import { resolveIdentifier } from './scope.js';

/** A node's source text without white space: two spellings of the same access compare equal (`a . b` and `a.b`). */
export function compactText(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}

/** Strip parentheses, `(0, x)`, type assertions and non-null assertions. */
export function unwrap(expr: ts.Expression): ts.Expression {
  // called for nearly every expression the analysis looks at: a switch on kind, not a chain of guards
  for (;;) {
    switch (expr.kind) {
      case SyntaxKind.ParenthesizedExpression:
      case SyntaxKind.AsExpression:
      case SyntaxKind.NonNullExpression:
      case SyntaxKind.TypeAssertionExpression:
      case SyntaxKind.SatisfiesExpression:
        expr = (expr as ts.ParenthesizedExpression).expression;
        continue;
      case SyntaxKind.BinaryExpression: {
        const b = expr as ts.BinaryExpression;
        if (b.operatorToken.kind !== SyntaxKind.CommaToken || !ts.isNumericLiteral(unwrap(b.left))) return expr;
        expr = b.right;
        continue;
      }
      default:
        return expr;
    }
  }
}

/** Name of a property access or string-keyed element access, or undefined. */
export function memberName(expr: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) return expr.argumentExpression.text;
  return undefined;
}

export function isGlobalIdentifier(expr: ts.Expression, name: string): boolean {
  const e = unwrap(expr);
  return ts.isIdentifier(e) && e.text === name && resolveIdentifier(e) === undefined;
}

/** `require(x)` with the real CommonJS require (also `module.require`). */
export function isRequireCall(node: ts.Node): node is RequireCall {
  if (!ts.isCallExpression(node) || node.arguments.length < 1) return false;
  const callee = unwrap(node.expression);
  if (isGlobalIdentifier(callee, 'require')) return true;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'require' && isGlobalIdentifier(callee.expression, 'module');
}
