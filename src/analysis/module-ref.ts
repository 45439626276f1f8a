// Where an expression comes from when it comes from a module, in every import style compiled code uses:
// `require('fs')`, `fs_1.readFileSync`, `(0, fs_1.readFileSync)`, `tslib.__importDefault(require('fs'))`,
// `const { readFileSync } = require('fs')`, ESM named/namespace/default imports, `import x = require()`.
import { ts } from '../util/ts.cjs';
import type { ModuleRef, RequireCall } from './audit.js';
import { resolveIdentifier } from './scope.js';

/** Module-interop wrappers compilers put around `require(x)`: tslib/tsc, esbuild, babel, rollup. */
export const INTEROP_HELPERS = new Set([
  '__importDefault', '__importStar', '__importWildcard', '__toESM', '__toCommonJS',
  '_interopRequireDefault', '_interopRequireWildcard',
  '_interopNamespaceDefault', '_interopNamespace', '_interopDefault', '_interopDefaultLegacy', '_interopNamespaceDefaultOnly', '_interopDefaultCompat', '_interopNamespaceCompat',
]);

/** Strip parentheses, `(0, x)`, type assertions and non-null assertions. */
export function unwrap(expr: ts.Expression): ts.Expression {
  // called for nearly every expression the analysis looks at: a switch on kind, not a chain of guards
  for (;;) {
    switch (expr.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.SatisfiesExpression:
        expr = (expr as ts.ParenthesizedExpression).expression;
        continue;
      case ts.SyntaxKind.BinaryExpression: {
        const b = expr as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.CommaToken || !ts.isNumericLiteral(unwrap(b.left))) return expr;
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

export function normaliseModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

function moduleOfCall(call: ts.CallExpression, depth: number): ModuleRef | undefined {
  if (isRequireCall(call)) {
    const arg = call.arguments[0];
    return arg && ts.isStringLiteralLike(arg) ? { module: normaliseModule(arg.text), path: [] } : undefined;
  }
  // tslib / babel / esbuild interop wrappers around require
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
  if (name && INTEROP_HELPERS.has(name) && call.arguments[0]) return refOf(call.arguments[0], depth + 1);
  return undefined;
}

function refOfDeclaration(decl: ts.Node, depth: number): ModuleRef | undefined {
  if (ts.isVariableDeclaration(decl)) {
    // only const-like bindings are followed: a reassigned `let` could hold anything
    return decl.initializer ? refOf(decl.initializer, depth + 1) : undefined;
  }
  if (ts.isBindingElement(decl)) {
    const pattern = decl.parent;
    if (!ts.isObjectBindingPattern(pattern)) return undefined;
    const owner = pattern.parent;
    if (!ts.isVariableDeclaration(owner) || !owner.initializer) return undefined;
    const base = refOf(owner.initializer, depth + 1);
    const key = decl.propertyName ?? decl.name;
    if (!base || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) return undefined;
    return withMember(base, key.text);
  }
  if (ts.isImportSpecifier(decl)) {
    const spec = decl.parent.parent.parent.moduleSpecifier;
    if (!ts.isStringLiteral(spec)) return undefined;
    return withMember({ module: normaliseModule(spec.text), path: [] }, (decl.propertyName ?? decl.name).text);
  }
  if (ts.isNamespaceImport(decl)) {
    const spec = decl.parent.parent.moduleSpecifier;
    return ts.isStringLiteral(spec) ? { module: normaliseModule(spec.text), path: [] } : undefined;
  }
  if (ts.isImportClause(decl)) {
    const spec = decl.parent.moduleSpecifier;
    return ts.isStringLiteral(spec) ? withMember({ module: normaliseModule(spec.text), path: [] }, 'default') : undefined;
  }
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) return { module: normaliseModule(ref.expression.text), path: [] };
  }
  return undefined;
}

/** Append a member; `default` right below a module is interop noise (`fs_1.default.readFileSync`). */
function withMember(base: ModuleRef, name: string): ModuleRef {
  if (name === 'default' && base.path.length === 0) return base;
  return { module: base.module, path: [...base.path, name] };
}

function refOf(expr: ts.Expression, depth: number): ModuleRef | undefined {
  if (depth > 12) return undefined;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    return decl ? refOfDeclaration(decl, depth) : undefined;
  }
  if (ts.isCallExpression(e)) return moduleOfCall(e, depth);
  if (ts.isAwaitExpression(e) && ts.isCallExpression(unwrap(e.expression))) {
    // `await import('fs')`
    const call = unwrap(e.expression) as ts.CallExpression;
    if (call.expression.kind === ts.SyntaxKind.ImportKeyword && call.arguments[0] && ts.isStringLiteralLike(call.arguments[0])) {
      return { module: normaliseModule(call.arguments[0].text), path: [] };
    }
    return undefined;
  }
  const name = memberName(e);
  if (name !== undefined && (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) {
    const base = refOf(e.expression, depth + 1);
    return base ? withMember(base, name) : undefined;
  }
  return undefined;
}

const refs = new WeakMap<ts.Expression, ModuleRef | null>();

export function moduleRef(expr: ts.Expression): ModuleRef | undefined {
  // several audits ask about the callee of every call: compute each answer once
  const hit = refs.get(expr);
  if (hit !== undefined) return hit ?? undefined;
  const ref = refOf(expr, 0);
  refs.set(expr, ref ?? null);
  return ref;
}
