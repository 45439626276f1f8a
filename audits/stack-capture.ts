import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection } from '../src/analysis/audit.js';
import { stableInitializer } from '../src/analysis/manifest-path.js';
import { resolveIdentifier } from '../src/analysis/scope.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { stackCaptureMeta } from './stack-capture.meta.js';

// V8 collects a structured stack trace whenever an Error is constructed, and formats it into a
// string (source positions, function names) when `.stack` is first read: tens of microseconds with
// deep stacks. `throw` is the usual way that cost lands on a request path.

const BUILTIN_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'DOMException']);
const MAX_DEPTH = 8;

/** Name as written at the `new`: `SentryError` for both `SentryError` and `errors_1.SentryError`. */
function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

/**
 * Whether a constructor expression builds an Error: a builtin error global; a class in this file whose
 * extends chain reaches one (also tsc's ES5 `(function (_super) {…})(Error)`); or — since another
 * file's class cannot be followed syntactically — an imported class whose name ends in `Error`.
 */
function isErrorClass(expr: ts.Expression, ctx: AuditContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = ctx.unwrap(expr);
  if (ts.isClassExpression(e)) return extendsError(e, ctx, depth);
  if (ts.isPropertyAccessExpression(e)) {
    if (ctx.isGlobal(e.expression, 'globalThis')) return BUILTIN_ERRORS.has(e.name.text);
    return ctx.moduleRef(e) !== undefined && e.name.text.endsWith('Error');
  }
  if (!ts.isIdentifier(e)) return false;
  const decl = resolveIdentifier(e);
  if (!decl) return BUILTIN_ERRORS.has(e.text) || e.text.endsWith('Error');
  if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) return extendsError(decl, ctx, depth);
  if (ctx.moduleRef(e) !== undefined) return e.text.endsWith('Error');
  const init = stableInitializer(decl, (i) => isErrorValue(i, ctx, depth + 1));
  return init !== undefined;
}

/** `class X extends Y {}` or the ES5 downlevel `(function (_super) { __extends(X, _super) … }(Y))`. */
function isErrorValue(init: ts.Expression, ctx: AuditContext, depth: number): boolean {
  const e = ctx.unwrap(init);
  if (ts.isClassExpression(e)) return extendsError(e, ctx, depth);
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return false;
  const fn = ctx.unwrap(e.expression);
  return (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && fn.parameters.length === 1 && isErrorClass(e.arguments[0]!, ctx, depth + 1);
}

function extendsError(cls: ts.ClassLikeDeclaration, ctx: AuditContext, depth: number): boolean {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const base = clause?.types[0]?.expression;
  return base !== undefined && isErrorClass(base, ctx, depth + 1);
}

/** `new Error(…)` or `Error(…)` (calling an error class without `new` constructs one too). */
function isErrorConstruction(expr: ts.Expression, ctx: AuditContext): expr is ts.NewExpression | ts.CallExpression {
  const e = ctx.unwrap(expr);
  if (ts.isNewExpression(e)) return isErrorClass(e.expression, ctx);
  if (!ts.isCallExpression(e)) return false;
  const callee = ctx.unwrap(e.expression);
  return ts.isIdentifier(callee) && BUILTIN_ERRORS.has(callee.text) && ctx.isGlobal(callee, callee.text);
}

/** An Error built right there, or held by a variable initialised with one. */
function holdsNewError(expr: ts.Expression, ctx: AuditContext): boolean {
  const e = ctx.unwrap(expr);
  if (isErrorConstruction(e, ctx)) return true;
  if (!ts.isIdentifier(e)) return false;
  const decl = resolveIdentifier(e);
  return decl !== undefined && stableInitializer(decl, (i) => isErrorConstruction(i, ctx)) !== undefined;
}

function isWriteTarget(node: ts.Expression): boolean {
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

function detectCall(call: ts.CallExpression, ctx: AuditContext): string | undefined {
  const callee = ctx.unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name.text;
  if (name === 'captureStackTrace' && ctx.isGlobal(callee.expression, 'Error')) return 'Error.captureStackTrace';
  if (name === 'trace' && ctx.isGlobal(callee.expression, 'console')) return 'console.trace';
  return undefined;
}

function detectStackRead(access: ts.PropertyAccessExpression, ctx: AuditContext): Detection | undefined {
  if (access.name.text !== 'stack' || isWriteTarget(access)) return undefined;
  return holdsNewError(access.expression, ctx) ? { node: access, operation: 'new Error().stack' } : undefined;
}

/** `const { stack } = new Error()` */
function detectStackDestructure(decl: ts.VariableDeclaration, ctx: AuditContext): Detection | undefined {
  if (!ts.isObjectBindingPattern(decl.name) || !decl.initializer || !isErrorConstruction(decl.initializer, ctx)) return undefined;
  const readsStack = decl.name.elements.some((el) => {
    const key = el.propertyName ?? el.name;
    return ts.isIdentifier(key) && key.text === 'stack';
  });
  return readsStack ? { node: decl.initializer, operation: 'new Error().stack' } : undefined;
}

/** What a bare construction is part of, past parentheses and type assertions. */
function consumer(node: ts.Node): ts.Node {
  let n = node.parent;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n)) n = n.parent;
  return n;
}

/** `const err = new Error(); … err.stack` (a read): the stack read is the finding, not the construction too. */
function stackReadLater(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return new RegExp(`(^|[^\\w$])${decl.name.text.replace(/\$/g, '\\$')}\\s*\\??\\.\\s*stack\\b(?!\\s*=[^=])`).test(scope.getText());
}

/** `Error.stackTraceLimit = 0` set in the same function before the error is built: no stack is captured. */
function capturesNoFrames(expr: ts.Node): boolean {
  let scope: ts.Node = expr;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const text = scope.getSourceFile().text.slice(scope.getStart(), expr.getStart());
  return /\bError\.stackTraceLimit\s*=\s*0\b/.test(text);
}

/**
 * `new Error(…)` that is neither thrown right there nor read for its stack (those have their own
 * detections): V8 still captures the stack at construction, microseconds per error.
 */
function detectConstruction(expr: ts.NewExpression | ts.CallExpression, ctx: AuditContext): Detection | undefined {
  if (!isErrorConstruction(expr, ctx)) return undefined;
  const at = consumer(expr);
  if (ts.isThrowStatement(at)) return undefined;
  if (ts.isPropertyAccessExpression(at) && at.name.text === 'stack') return undefined;
  if (ts.isVariableDeclaration(at) && (ts.isObjectBindingPattern(at.name) || stackReadLater(at))) return undefined;
  if (capturesNoFrames(expr)) return undefined;
  const name = calleeName(ctx.unwrap(expr.expression));
  return name === undefined ? undefined : { node: expr, operation: `new ${name}`, errorValue: true };
}

function detectThrow(st: ts.ThrowStatement, ctx: AuditContext): Detection | undefined {
  const thrown = ctx.unwrap(st.expression);
  if (!isErrorConstruction(thrown, ctx)) return undefined;
  const name = calleeName(ctx.unwrap(thrown.expression));
  return name === undefined ? undefined : { node: thrown, operation: `throw new ${name}` };
}

export const stackCapture = defineAudit(stackCaptureMeta, {
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.PropertyAccessExpression, ts.SyntaxKind.ThrowStatement, ts.SyntaxKind.VariableDeclaration],
  detect(node, ctx): Detection | undefined {
    if (ts.isThrowStatement(node)) return detectThrow(node, ctx);
    if (ts.isPropertyAccessExpression(node)) return detectStackRead(node, ctx);
    if (ts.isVariableDeclaration(node)) return detectStackDestructure(node, ctx);
    if (ts.isNewExpression(node)) return detectConstruction(node, ctx);
    const operation = detectCall(node, ctx);
    if (operation !== undefined) return { node, operation };
    // `Error(…)` without new constructs one too; a cheap name test first, most calls are not errors
    const callee = ctx.unwrap(node.expression);
    return ts.isIdentifier(callee) && BUILTIN_ERRORS.has(callee.text) ? detectConstruction(node, ctx) : undefined;
  },
});
