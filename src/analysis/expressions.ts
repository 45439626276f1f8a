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

/**
 * Name of a property access, a string-keyed element access, or an element access by a symbol constant
 * of the file (`const kHandler = Symbol('handler')`; `this[kHandler]`), or undefined. A symbol's member
 * is named `[kHandler]`, its constant's name in brackets, as class members and object properties
 * declared with `[kHandler]` are (propertyKey): a name no identifier or ordinary key can have.
 */
export function memberName(expr: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (!ts.isElementAccessExpression(expr)) return undefined;
  const key = expr.argumentExpression;
  if (ts.isStringLiteralLike(key)) return key.text;
  return ts.isIdentifier(key) ? symbolKey(key) : undefined;
}

/** `[name]` when the identifier is a constant holding `Symbol(…)` or `Symbol.for(…)`. */
function symbolKey(id: ts.Identifier): string | undefined {
  const d = resolveIdentifier(id);
  if (!d || !ts.isVariableDeclaration(d) || !d.initializer || !ts.isVariableDeclarationList(d.parent) || (d.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
  const init = unwrap(d.initializer);
  if (!ts.isCallExpression(init)) return undefined;
  const callee = unwrap(init.expression);
  const isSymbol = isGlobalIdentifier(callee, 'Symbol') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'for' && isGlobalIdentifier(callee.expression, 'Symbol'));
  return isSymbol ? `[${id.text}]` : undefined;
}

/** The name a class member or an object property is declared with (see memberName), or undefined. */
export function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return ts.isComputedPropertyName(name) && ts.isIdentifier(name.expression) ? symbolKey(name.expression) : undefined;
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
