// Branches that correct callers never take: a defensive check on a parameter that bails out or throws
// (`if (!wrapper) { logger('no wrapper'); logger(new Error().stack); return; }` in a wrap helper,
// `if (typeof x !== 'string') throw new TypeError(…)`, `invariant(cond, msg)`), the default of a switch
// that only fails (`default: return assertUnreachable(kind)`), a helper whose parameter is typed
// `never`. Code there is on a per-call path but runs only when a caller passes what the function does
// not accept: it stays in the report with the reason, and does not count as per call.
import { ts } from '../util/ts.cjs';
import { memberName, unwrap } from './module-ref.js';
import { resolveIdentifier, type FunctionNode } from './scope.js';

/**
 * The statement ends the call by failing: a throw, or a bare `return`, after nothing but expression
 * statements (logging calls, `err = 'invalid_options'`).
 */
function fails(st: ts.Statement): boolean {
  if (ts.isThrowStatement(st)) return true;
  if (!ts.isBlock(st) || st.statements.length === 0) return false;
  const last = st.statements[st.statements.length - 1]!;
  const ends = ts.isThrowStatement(last) || (ts.isReturnStatement(last) && (!last.expression || unwrap(last.expression).kind === ts.SyntaxKind.VoidExpression));
  return ends && st.statements.slice(0, -1).every((s) => ts.isExpressionStatement(s));
}

/** `p.length` / `p.size`: a size limit on an argument (`if (pattern.length > MAX) throw …`). */
function isSizeOf(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isPropertyAccessExpression(u) && (u.name.text === 'length' || u.name.text === 'size');
}

const RELATIONAL = new Set([ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken]);

/** The parameter of `fn` an expression is read from (`p`, `p.x`, `p[name]`), if any. */
function parameterRoot(expr: ts.Expression, fn: FunctionNode): string | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  if (!ts.isIdentifier(e)) return undefined;
  // a parameter, or a name destructured from one (`constructor({ traceId, flags })`)
  let d: ts.Node | undefined = resolveIdentifier(e);
  while (d && (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d))) d = d.parent;
  return d && ts.isParameter(d) && d.parent === fn ? e.text : undefined;
}

function isNullish(e: ts.Expression): boolean {
  const u = unwrap(e);
  return u.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(u) || (ts.isIdentifier(u) && u.text === 'undefined');
}

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/**
 * The parameters a condition checks when it is made only of presence and type tests of them: `!p`,
 * `!p[name]`, `p == null`, `typeof p !== 'function'`, `p instanceof C`, `Array.isArray(p)`,
 * `isPlainObject(p)`, joined by `!`, `&&`, `||`. Undefined when any part tests something else (a
 * status code, a length, a configuration): that is a real branch.
 */
function checkedParameters(cond: ts.Expression, fn: FunctionNode): string[] | undefined {
  const c = unwrap(cond);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return checkedParameters(c.operand, fn);
  if (ts.isBinaryExpression(c)) {
    const op = c.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const l = checkedParameters(c.left, fn);
      const r = l && checkedParameters(c.right, fn);
      return l && r ? [...l, ...r] : undefined;
    }
    if (op === ts.SyntaxKind.InstanceOfKeyword) {
      const p = parameterRoot(c.left, fn);
      return p ? [p] : undefined;
    }
    // `'prototype' in p`
    if (op === ts.SyntaxKind.InKeyword) {
      const p = parameterRoot(c.right, fn);
      return p ? [p] : undefined;
    }
    // a size limit: `p.length > MAX_LENGTH` (a status code or a count compared is a real branch)
    if (RELATIONAL.has(op)) {
      const sized = isSizeOf(c.left) ? c.left : isSizeOf(c.right) ? c.right : undefined;
      const p = sized && parameterRoot(sized, fn);
      return p ? [p] : undefined;
    }
    if (EQUALITY.has(op)) {
      // `isValid(p) === false`: the predicate decides
      const l = unwrap(c.left);
      const r = unwrap(c.right);
      if (r.kind === ts.SyntaxKind.FalseKeyword || r.kind === ts.SyntaxKind.TrueKeyword) return checkedParameters(l, fn);
      if (l.kind === ts.SyntaxKind.FalseKeyword || l.kind === ts.SyntaxKind.TrueKeyword) return checkedParameters(r, fn);
      const [value, other] = isNullish(c.right) || ts.isStringLiteral(r) ? [c.left, c.right] : [c.right, c.left];
      const v = unwrap(value);
      if (ts.isTypeOfExpression(v) && ts.isStringLiteral(unwrap(other))) {
        const p = parameterRoot(v.expression, fn);
        return p ? [p] : undefined;
      }
      if (isNullish(other)) {
        const p = parameterRoot(v, fn);
        return p ? [p] : undefined;
      }
      return undefined;
    }
    return undefined;
  }
  // a predicate on the parameter: `Array.isArray(p)`, `Buffer.isBuffer(p)`, `isFunction(p)`, `this.#isValidId(p)`,
  // `registry.has(p)`
  if (ts.isCallExpression(c) && c.arguments.length === 1) {
    const callee = unwrap(c.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : memberName(callee);
    if (!name || !/^#?_?(is[A-Z]|has$|has[A-Z])/.test(name)) return undefined;
    const p = parameterRoot(c.arguments[0]!, fn);
    return p ? [p] : undefined;
  }
  const p = parameterRoot(c, fn);
  return p ? [p] : undefined;
}

/** A `default:` that only fails: a throw, or handing the switch's value to a helper (`assertUnreachable(kind)`). */
function defaultOnlyFails(clause: ts.DefaultClause): boolean {
  const sw = clause.parent.parent;
  const statements = clause.statements.filter((s) => !ts.isBreakStatement(s));
  if (statements.length !== 1) return false;
  const st = statements[0]!;
  if (ts.isThrowStatement(st)) return true;
  const expr = ts.isReturnStatement(st) ? st.expression : ts.isExpressionStatement(st) ? st.expression : undefined;
  const call = expr && unwrap(expr);
  if (!call || !ts.isCallExpression(call)) return false;
  const discriminant = unwrap(sw.expression).getText();
  return call.arguments.some((a) => unwrap(a).getText() === discriminant);
}

/** A helper that accepts nothing (`function assertUnreachable(x: never)`). */
export function takesNever(fn: FunctionNode): boolean {
  return fn.parameters.some((p) => p.type?.kind === ts.SyntaxKind.NeverKeyword);
}

/**
 * Why the code at `node` in `fn` is in a branch correct callers never take, or undefined. Looks only
 * between the node and its function; deeper code inherits the reason through the call that leads
 * there (see per-call-reach.ts).
 */
export function deadBranchReason(node: ts.Node, fn: FunctionNode | undefined): string | undefined {
  let child: ts.Node = node;
  for (let n = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (ts.isDefaultClause(n) && defaultOnlyFails(n)) return 'the default of a switch that only fails (an exhaustive switch)';
    if (fn && ts.isIfStatement(n) && child !== n.expression && fails(child as ts.Statement)) {
      const params = checkedParameters(n.expression, fn);
      if (params && params.length > 0) return `a defensive check on parameter ${[...new Set(params)].join(', ')} that fails the call`;
    }
  }
  if (fn && takesNever(fn)) return 'a helper whose parameter is typed never (assertUnreachable)';
  return undefined;
}
