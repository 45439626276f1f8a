// Where an expression comes from when it comes from a module, in every import style compiled code uses:
// `require('fs')`, `fs_1.readFileSync`, `(0, fs_1.readFileSync)`, `tslib.__importDefault(require('fs'))`,
// `const { readFileSync } = require('fs')`, ESM named/namespace/default imports, `import x = require()`.
import { ts } from '../util/ts.cjs';
import type { ModuleRef } from './audit.js';
import { bundledModule, externalModuleOf } from './bundle-modules.js';
import { isRequireCall, memberName, unwrap } from './expressions.js';
import { resolveIdentifier } from './scope.js';

// kept importable from here, where the analysis has always found them
export { compactText, isGlobalIdentifier, isRequireCall, memberName, unwrap } from './expressions.js';

/** Module-interop wrappers compilers put around `require(x)`: tslib/tsc, esbuild, babel, rollup. */
export const INTEROP_HELPERS = new Set([
  '__importDefault',
  '__importStar',
  '__importWildcard',
  '__toESM',
  '__toCommonJS',
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '_interopNamespaceDefault',
  '_interopNamespace',
  '_interopDefault',
  '_interopDefaultLegacy',
  '_interopNamespaceDefaultOnly',
  '_interopDefaultCompat',
  '_interopNamespaceCompat',
]);

export function normaliseModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/**
 * A module-interop wrapper around a required module: a known helper name (`__importDefault(x)`,
 * `__toESM(x, 1)`), or — in minified bundles, where the helpers are renamed (`s(require("x"), 1)`) —
 * any function of the file's top level applied to a `require(…)` call.
 */
export function isInteropCall(call: ts.CallExpression): boolean {
  const arg = call.arguments[0];
  if (!arg) return false;
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
  if (name && INTEROP_HELPERS.has(name)) return true;
  if (!ts.isIdentifier(callee) || !isRequireCall(unwrap(arg))) return false;
  const d = resolveIdentifier(callee);
  if (!d || !ts.isSourceFile(topLevelOf(d))) return false;
  return ts.isFunctionDeclaration(d) || (ts.isVariableDeclaration(d) && d.initializer !== undefined && (ts.isArrowFunction(unwrap(d.initializer)) || ts.isFunctionExpression(unwrap(d.initializer))));
}

/** The scope a declaration belongs to: the source file for module top level. */
function topLevelOf(d: ts.Node): ts.Node {
  let n = d.parent;
  while (n && !ts.isSourceFile(n) && !ts.isBlock(n) && !ts.isFunctionLike(n)) n = n.parent;
  return n;
}

function moduleOfCall(call: ts.CallExpression, depth: number): ModuleRef | undefined {
  if (isRequireCall(call)) {
    const arg = call.arguments[0];
    return arg && ts.isStringLiteralLike(arg) ? { module: normaliseModule(arg.text), path: [] } : undefined;
  }
  // tslib / babel / esbuild interop wrappers around require
  if (isInteropCall(call)) return refOf(call.arguments[0]!, depth + 1);
  // a bundle's own require of an external (`__webpack_require__("fs")` → `module.exports = require("fs")`)
  const bundled = bundledModule(call);
  const spec = bundled && externalModuleOf(bundled);
  return spec ? { module: normaliseModule(spec), path: [] } : undefined;
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
