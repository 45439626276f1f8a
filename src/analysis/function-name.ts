// Human names for functions in call paths: `PgInstrumentation._getPatchedQuery`, `patchedQuery`,
// `exports.getVersion`, `<anonymous>`. Names are derived from the syntax around the function.
import { ts } from '../util/ts.cjs';
import { compactText } from './expressions.js';
import type { Runner } from './scope.js';

function propName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

export function className(cls: ts.ClassLikeDeclaration): string {
  if (cls.name) return cls.name.text;
  const p = cls.parent;
  if (ts.isVariableDeclaration(p)) return propName(p.name) ?? '<class>';
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return '<class>';
}

export function functionName(fn: Runner | ts.SourceFile): string {
  if (ts.isSourceFile(fn)) return '<module>';
  if (ts.isClassLike(fn)) return `${className(fn)}.<fields>`;
  const parent = fn.parent;
  if (ts.isConstructorDeclaration(fn)) return `${className(fn.parent)}.constructor`;
  if ((ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) && ts.isClassLike(parent)) {
    return `${className(parent)}.${propName(fn.name) ?? '<computed>'}`;
  }
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  if (ts.isMethodDeclaration(fn)) return propName(fn.name) ?? '<method>';
  if (ts.isVariableDeclaration(parent)) return propName(parent.name) ?? '<anonymous>';
  if (ts.isPropertyAssignment(parent)) return propName(parent.name) ?? '<anonymous>';
  if (ts.isPropertyDeclaration(parent) && ts.isClassLike(parent.parent)) return `${className(parent.parent)}.${propName(parent.name) ?? '<field>'}`;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = parent.left;
    if (ts.isPropertyAccessExpression(left)) return compactText(left);
    if (ts.isIdentifier(left)) return left.text;
  }
  return '<anonymous>';
}

/** The name a function (or a class, for its field initialisers) is known by at its call or `new` sites (`name()`, `this.name()`, `obj.name = fn`). */
export function calledName(fn: Runner): string | undefined {
  if (ts.isConstructorDeclaration(fn)) return className(fn.parent);
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name))) return p.name.text;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  if (ts.isBinaryExpression(p) && ts.isIdentifier(p.left)) return p.left.text;
  return undefined;
}
