// Context of an operation inside the function that runs it: is it behind a once-guard (lazy cache,
// memo map, first-call flag), only on an error path (catch block, throw), or behind a configuration
// or debug flag? Decided from the syntax between the operation and its function.
import { ts } from '../util/ts.cjs';
import { compactText, memberName, unwrap } from './module-ref.js';
import { enclosingFunction, isFunctionLike, resolveIdentifier, type FunctionNode, type Runner } from './scope.js';
import { fills, storedByCallers, type CalleesOf } from './slots.js';

/**
 * A slot survives between calls when it is not a local of the function running the operation — or is
 * a local holding what a surviving map keeps (`let byKey = cache.get(k)`): a cache of caches
 * (`let inner = outer.get(a); … if (inner.has(b)) return; … inner.set(b, v)`) memoises per key pair —
 * or an element of a surviving collection (`for (const entry of this._entries)`), or a parameter every
 * caller of the function hands a surviving value (`getOwners(file, this.entries)`, when `callers` says).
 */
function isPersistentSlot(slot: ts.Expression, fn: Runner | undefined, hops = 0, callers?: CallersOf): boolean {
  const e = unwrap(slot);
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(e);
    if (!d) return false;
    // locals lead to the map they were read from; a chain that loops (`let a = a.get(k)`, two locals read
    // from each other: possible in syntax, a TDZ error at run time) or runs this deep is not a cache
    for (let n: ts.Node | undefined = d; n; n = n.parent)
      if (n === fn) return hops < MAX_CACHE_NESTING && (memoMapOf(e, fn, hops + 1, callers) !== undefined || heldFromOutside(d, fn, hops + 1, callers));
    return true;
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))
    return isPersistentSlot(e.expression, fn, hops, callers) || e.expression.kind === ts.SyntaxKind.ThisKeyword || e.expression.kind === ts.SyntaxKind.SuperKeyword;
  return e.kind === ts.SyntaxKind.ThisKeyword;
}

/**
 * Where values come from across functions: the argument lists of every call of `fn` the package makes
 * (undefined when `fn` can be called from where the package does not show — handed on as a value — or is
 * never called in it), and the functions a call runs.
 */
export interface CallersOf {
  callers(fn: FunctionNode): ReadonlyArray<readonly ts.Expression[]> | undefined;
  callees(call: ts.CallExpression): readonly FunctionNode[];
  /**
   * Parameters already judged (see parameterSurvives), kept by whoever answers for one package: a
   * dependency's function judged with another package's callers must be judged again with this one's.
   */
  readonly survivingParameters: WeakMap<ts.ParameterDeclaration, boolean>;
  /** What the package stores under a property name (`x.name = v`), or undefined when it may store more than the syntax shows. */
  propertyWrites(name: string): readonly ts.Expression[] | undefined;
  /** Property names already judged (see outlivesCalls). */
  readonly survivingProperties: Map<string, boolean>;
}

/** A local of `fn` that holds what outlives the call: an element iterated from a surviving collection, or a parameter every caller fills with one. */
function heldFromOutside(d: ts.Node, fn: Runner | undefined, hops: number, callers: CallersOf | undefined): boolean {
  const list = d.parent;
  if (ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) && ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent) && list.parent.initializer === list)
    return isPersistentSlot(list.parent.expression, fn, hops, callers);
  if (!callers || !fn || ts.isClassLike(fn) || !ts.isParameter(d) || d.parent !== fn) return false;
  return parameterSurvives(d, fn, 0, callers);
}

/** Helpers handing a value on deeper than this are not followed (a coordinator's state through four helpers is common). */
const MAX_PARAMETER_CHAIN = 8;

/** Does every call of `fn` in the package fill parameter `d` with what outlives the call? Judged once per parameter and package. */
function parameterSurvives(d: ts.ParameterDeclaration, fn: FunctionNode, depth: number, callers: CallersOf): boolean {
  const known = callers.survivingParameters.get(d);
  if (known !== undefined) return known;
  if (depth > MAX_PARAMETER_CHAIN || !ts.isIdentifier(d.name) || d.dotDotDotToken) return false;
  callers.survivingParameters.set(d, false); // a cycle of helpers handing it round proves nothing
  const sites = callers.callers(fn);
  const i = fn.parameters.indexOf(d);
  const survives =
    sites !== undefined &&
    sites.length > 0 &&
    sites.every((args) => {
      const a = args[i];
      // a recursive call handing the parameter on to itself passes what the other calls pass
      if (a !== undefined && ts.isIdentifier(unwrap(a)) && resolveIdentifier(unwrap(a) as ts.Identifier) === d) return true;
      return a !== undefined && !args.slice(0, i + 1).some((x) => ts.isSpreadElement(x)) && outlivesCalls(a, depth + 1, callers);
    });
  callers.survivingParameters.set(d, survives);
  return survives;
}

/**
 * What a caller hands on outlives every call when it is a module variable, a field (`this.entries`), an
 * element of one, a parameter its own callers fill that way, or a constant holding what a get-or-create
 * function keeps (`const state = getState(runner)` with `getState` returning the value it stores in a
 * surviving map). A local of the caller does not, even one of a function around it: a closure made per
 * request (`res.end = function () { finish(req) }`) sees a `req` of its own each time.
 */
function outlivesCalls(arg: ts.Expression, depth: number, callers: CallersOf): boolean {
  const e = unwrap(arg);
  if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isCallExpression(e)) return keptResult(e, callers);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return outlivesCalls(e.expression, depth, callers) || propertySurvives(memberName(e), depth, callers);
  if (!ts.isIdentifier(e)) return false;
  const d = resolveIdentifier(e);
  if (!d) return false;
  const owner = enclosingFunction(d);
  if (!owner) return true;
  if (ts.isParameter(d)) return d.parent === owner && parameterSurvives(d, owner, depth, callers);
  if (ts.isVariableDeclaration(d) && d.initializer && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const) {
    const init = unwrap(d.initializer);
    return depth < MAX_PARAMETER_CHAIN && outlivesCalls(init, depth + 1, callers);
  }
  return false;
}

/**
 * A property every write of which, anywhere in the package, stores a surviving value: a context object
 * made per call may still carry a long-lived state (`context.coordinatorState = stateFor(runner)` in one
 * handler, `const state = context.coordinatorState` in the next). By name, whatever the object.
 */
function propertySurvives(name: string | undefined, depth: number, callers: CallersOf): boolean {
  if (name === undefined || depth >= MAX_PARAMETER_CHAIN) return false;
  const known = callers.survivingProperties.get(name);
  if (known !== undefined) return known;
  callers.survivingProperties.set(name, false); // a cycle proves nothing
  const writes = callers.propertyWrites(name);
  const survives = writes !== undefined && writes.length > 0 && writes.every((w) => outlivesCalls(w, depth + 1, callers));
  callers.survivingProperties.set(name, survives);
  return survives;
}

/**
 * A call of a get-or-create function: every `return` of its one callee returns the same local, which the
 * callee also stores into a surviving map (`let s = states.get(k); if (s) return s; s = {…}; states.set(k,
 * s); return s`).
 */
function keptResult(call: ts.CallExpression, callers: CallersOf): boolean {
  const fns = callers.callees(call);
  const fn = fns.length === 1 ? fns[0]! : undefined;
  if (!fn?.body || !ts.isBlock(fn.body)) return false;
  let kept: ts.Node | undefined;
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok || (n !== fn.body && isFunctionLike(n))) return;
    if (ts.isReturnStatement(n)) {
      const r = n.expression && unwrap(n.expression);
      const d = r && ts.isIdentifier(r) ? resolveIdentifier(r) : undefined;
      if (!d || (kept !== undefined && d !== kept)) ok = false;
      kept = d;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return ok && kept !== undefined && isSetWith(fn.body, kept, fn);
}

/** Does `body` store the local `d` into a surviving map (`m.set(k, d)`)? */
function isSetWith(body: ts.Node, d: ts.Node, fn: FunctionNode): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== body && isFunctionLike(n))) return;
    if (ts.isCallExpression(n) && memberName(unwrap(n.expression)) === 'set' && n.arguments.length === 2 && ts.isPropertyAccessExpression(unwrap(n.expression))) {
      const v = unwrap(n.arguments[1]!);
      if (ts.isIdentifier(v) && resolveIdentifier(v) === d && isPersistentSlot((unwrap(n.expression) as ts.PropertyAccessExpression).expression, fn)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** Caches of caches deeper than this are not followed (see isPersistentSlot). */
const MAX_CACHE_NESTING = 4;

/** For a local initialised from `m.get(k)` / `m[k]` on a persistent map, that map. */
function memoMapOf(slot: ts.Expression, fn: Runner | undefined, hops = 0, callers?: CallersOf): ts.Expression | undefined {
  const e = unwrap(slot);
  if (!ts.isIdentifier(e)) return undefined;
  const d = resolveIdentifier(e);
  if (!d || !ts.isVariableDeclaration(d) || !d.initializer) return undefined;
  const init = unwrap(d.initializer);
  let map: ts.Expression | undefined;
  if (ts.isCallExpression(init) && memberName(unwrap(init.expression)) === 'get') map = (unwrap(init.expression) as ts.PropertyAccessExpression).expression;
  else if (ts.isElementAccessExpression(init)) map = init.expression;
  return map && isPersistentSlot(map, fn, hops, callers) ? unwrap(map) : undefined;
}

/** Slots a condition tests for "not yet computed": `!x`, `x === undefined`, `x == null`, `!m.has(k)`, `!(k in o)` … */
function emptinessTests(cond: ts.Expression): ts.Expression[] {
  const c = unwrap(cond);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = unwrap(c.operand);
    if (ts.isCallExpression(inner) && memberName(unwrap(inner.expression)) === 'has') return [unwrap((unwrap(inner.expression) as ts.PropertyAccessExpression).expression)];
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.InKeyword) return [inner.right];
    return [inner];
  }
  if (ts.isBinaryExpression(c)) {
    const op = c.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return [...emptinessTests(c.left), ...emptinessTests(c.right)];
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
      const isEmpty = (x: ts.Expression): boolean => {
        const u = unwrap(x);
        return (
          u.kind === ts.SyntaxKind.NullKeyword ||
          ts.isVoidExpression(u) ||
          (ts.isIdentifier(u) && u.text === 'undefined') ||
          u.kind === ts.SyntaxKind.FalseKeyword ||
          (ts.isStringLiteral(u) && u.text === 'undefined')
        );
      };
      const typeOf = (x: ts.Expression): ts.Expression => {
        const u = unwrap(x);
        return ts.isTypeOfExpression(u) ? u.expression : u;
      };
      if (isEmpty(c.right)) return [typeOf(c.left)];
      if (isEmpty(c.left)) return [typeOf(c.right)];
    }
  }
  return [];
}

function isReturnOnly(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length === 1 && ts.isReturnStatement(st.statements[0]!);
}

/** Positive tests of an early return: `if (x) return x`, `if (x !== undefined) return x`, `if (m.has(k)) return m.get(k)`. */
function presenceTests(cond: ts.Expression): ts.Expression[] {
  const c = unwrap(cond);
  if (ts.isCallExpression(c) && memberName(unwrap(c.expression)) === 'has') return [unwrap((unwrap(c.expression) as ts.PropertyAccessExpression).expression)];
  if (ts.isBinaryExpression(c) && (c.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || c.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken)) {
    const u = unwrap(c.right);
    if (u.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(u) || (ts.isIdentifier(u) && u.text === 'undefined')) return [c.left];
  }
  if (ts.isIdentifier(c) || ts.isPropertyAccessExpression(c) || ts.isElementAccessExpression(c)) return [c];
  return [];
}

/**
 * The slot of the once-guard `op` sits behind in `fn` (a lazy cache, a memo map, a first-call flag),
 * or undefined. `callees` lets the search follow calls into the functions that fill the slot.
 */
export function onceGuard(op: ts.Node, fn: Runner | undefined, callees?: CalleesOf, callers?: CallersOf): ts.Expression | undefined {
  // calls are followed only from a guarded branch (`if (!this._ready) this._setUp()`), not from the
  // whole function: a flag filled somewhere down an unrelated call is not this guard's
  const assigns = (scope: ts.Node, slot: ts.Expression): boolean => fills(scope, slot);
  const branchFills = (branch: ts.Node, slot: ts.Expression): boolean => fills(branch, slot, callees);
  let child: ts.Node = op;
  for (let n = op.parent; n && n !== fn; child = n, n = n.parent) {
    // `if (!cache) { cache = op() }`, or a first-call flag set anywhere in the function:
    // `if (handledBefore) {…} else { op() } … handledBefore = true`
    const scope = fn ?? n.getSourceFile();
    if (ts.isIfStatement(n) && child === n.thenStatement) {
      for (const slot of emptinessTests(n.expression)) {
        if (isPersistentSlot(slot, fn, 0, callers) && (branchFills(n.thenStatement, slot) || assigns(scope, slot))) return slot;
        // `let v = cache.get(k); if (v === undefined) { v = op(); cache.set(k, v); }`
        const map = memoMapOf(slot, fn, 0, callers);
        if (map && assigns(n.thenStatement, map)) return map;
      }
    }
    if (ts.isIfStatement(n) && child === n.elseStatement) {
      for (const slot of presenceTests(n.expression)) if (isPersistentSlot(slot, fn, 0, callers) && assigns(scope, slot)) return slot;
    }
    if (ts.isConditionalExpression(n) && child === n.whenFalse) {
      for (const slot of presenceTests(n.condition)) if (isPersistentSlot(slot, fn, 0, callers) && assigns(n.whenFalse, slot)) return slot;
    }
    // `entry.regex === undefined ? fill(entry).regex : entry.regex`
    if (ts.isConditionalExpression(n) && child === n.whenTrue) {
      for (const slot of emptinessTests(n.condition)) if (isPersistentSlot(slot, fn, 0, callers) && branchFills(n.whenTrue, slot)) return slot;
    }
    if (ts.isBinaryExpression(n) && child === n.right) {
      const k = n.operatorToken.kind;
      // x ??= op(), x ||= op(), x || (x = op()), x ?? (x = op())
      if ((k === ts.SyntaxKind.QuestionQuestionEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken) && isPersistentSlot(n.left, fn, 0, callers)) return n.left;
      if ((k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken) && isPersistentSlot(n.left, fn, 0, callers) && assigns(n.right, n.left)) return n.left;
      // x = x || op(), x = x ?? op(): the older spelling of ||= and ??=
      let store = n.parent;
      while (ts.isParenthesizedExpression(store)) store = store.parent;
      if (
        (k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken) &&
        ts.isBinaryExpression(store) &&
        store.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        unwrap(store.right) === n &&
        compactText(unwrap(store.left)) === compactText(unwrap(n.left)) &&
        isPersistentSlot(n.left, fn, 0, callers)
      )
        return n.left;
    }
    // early return: `if (cache) return cache; … cache = op()`
    // (a return in a nested block leaves the function too)
    if ((ts.isBlock(n) && fn !== undefined) || (ts.isSourceFile(n) && n.parent === fn)) {
      const statements = (n as ts.Block).statements;
      const idx = statements.indexOf(child as ts.Statement);
      for (let i = 0; i < idx; i++) {
        const st = statements[i]!;
        if (!ts.isIfStatement(st) || !isReturnOnly(st.thenStatement)) continue;
        const rest = statements.slice(i + 1);
        // covers caches (`if (c) return c; … c = op()`, also filled by a call that follows:
        // `if (this._c) return this._c; this._compute()`), first-call flags (`if (done) return; done =
        // true; op()`) and callers that store the result where the callee looks (`this._c = this._getC()`)
        for (const slot of presenceTests(st.expression)) {
          if (isPersistentSlot(slot, fn, 0, callers) && (rest.some((s) => branchFills(s, slot)) || (fn !== undefined && !ts.isClassLike(fn) && storedByCallers(fn, slot)))) return slot;
          // `const c = cache.get(k); if (c !== undefined) return c; … cache.set(k, v)`
          const map = memoMapOf(slot, fn, 0, callers);
          if (map && rest.some((s) => assigns(s, map))) return map;
        }
      }
    }
  }
  return undefined;
}

/** Only when throwing or handling an error: inside a catch block, a `throw`, or a `.catch(fn)` callback. */
const LOGGER = /^(logger|log|warn|error|debug|diag|console|_diag|_logger)$/;

/** A bail-out branch: logs a complaint and returns nothing (`if (!x) { logger('…'); return; }`). */
function isBailOut(block: ts.Statement): boolean {
  if (!ts.isBlock(block) || block.statements.length < 2) return false;
  const last = block.statements[block.statements.length - 1]!;
  if (!(ts.isReturnStatement(last) && !last.expression)) return false;
  return block.statements.some((st) => {
    if (!ts.isExpressionStatement(st) || !ts.isCallExpression(st.expression)) return false;
    let c = unwrap(st.expression.expression);
    while (ts.isPropertyAccessExpression(c)) c = unwrap(c.expression);
    return ts.isIdentifier(c) && LOGGER.test(c.text.replace(/_\d+$/, ''));
  });
}

/** A callback handed to `.catch()`, as the second argument of `.then()`, or to an `error` listener. */
export function isErrorCallback(fn: ts.Node): boolean {
  let n = fn;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const call = n.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(n as ts.Expression)) return false;
  const name = memberName(unwrap(call.expression));
  if (name === 'catch') return true;
  if (name === 'then' && call.arguments[1] === n) return true;
  const first = call.arguments[0];
  return (name === 'on' || name === 'once') && first !== undefined && ts.isStringLiteral(first) && first.text === 'error';
}

/** Names that hold a failure when they hold anything: `err`, `error`, `lastError`, `connectErr`, `isError`. */
const FAILURE_NAME = /^(?:err|error|exception|failure|(?:is|has)(?:Err|Error|Failed|Failure))$|[a-z](?:Err|Error|Exception)$/;

function failureName(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return FAILURE_NAME.test(x.text);
  if (!ts.isPropertyAccessExpression(x) || !FAILURE_NAME.test(x.name.text)) return false;
  // `if (logger.error)`, `if (console.error)`: a method that may be missing, not a failure
  let root = unwrap(x.expression);
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  return !(ts.isIdentifier(root) && LOGGER.test(root.text)) && root.kind !== ts.SyntaxKind.ThisKeyword;
}

const isNullish = (e: ts.Expression): boolean => {
  const u = unwrap(e);
  return u.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(u) || (ts.isIdentifier(u) && u.text === 'undefined');
};

/**
 * Which branch of a condition runs on failure: `then` for `if (err)`, `err != null`, `typeof err ===
 * 'string'`, `err instanceof X`, `span.status.code === SpanStatusCode.ERROR`; `else` for `if (!err)`,
 * `err == null`, `code !== StatusCode.ERROR`; undefined when the condition says nothing about failure.
 * An error-first callback's `if (err) { … }` and an OTel status check are the error path as surely as
 * a catch block: what runs there runs for failed calls only.
 */
function failureBranch(cond: ts.Expression): 'then' | 'else' | undefined {
  const c = unwrap(cond);
  if (failureName(c)) return 'then';
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = failureBranch(c.operand);
    return inner === 'then' ? 'else' : inner === 'else' ? 'then' : undefined;
  }
  if (!ts.isBinaryExpression(c)) return undefined;
  const op = c.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) return failureBranch(c.left) === 'then' || failureBranch(c.right) === 'then' ? 'then' : undefined;
  if (op === ts.SyntaxKind.BarBarToken) return failureBranch(c.left) === 'then' && failureBranch(c.right) === 'then' ? 'then' : undefined;
  if (op === ts.SyntaxKind.InstanceOfKeyword) return failureName(c.left) ? 'then' : undefined;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !notEqual) return undefined;
  const flip = (b: 'then' | 'else'): 'then' | 'else' => (equal ? b : b === 'then' ? 'else' : 'then');
  // `x.code === SpanStatusCode.ERROR`
  const errorStatus = (e: ts.Expression): boolean => {
    const u = unwrap(e);
    return ts.isPropertyAccessExpression(u) && u.name.text === 'ERROR';
  };
  if (errorStatus(c.left) || errorStatus(c.right)) return flip('then');
  for (const [subject, other] of [
    [c.left, c.right],
    [c.right, c.left],
  ] as const) {
    const s = unwrap(subject);
    // `typeof err === 'string'`: there is a failure, of that type ('undefined' says there is none)
    if (ts.isTypeOfExpression(s) && failureName(s.expression) && ts.isStringLiteral(unwrap(other))) return flip((unwrap(other) as ts.StringLiteral).text === 'undefined' ? 'else' : 'then');
    if (failureName(s) && isNullish(other)) return flip('else');
  }
  return undefined;
}

/** A branch that always leaves the function: a return or a throw, or a block ending in one. */
function leaves(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  const last = ts.isBlock(st) ? st.statements[st.statements.length - 1] : undefined;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

export function isErrorPath(op: ts.Node, fn: Runner | undefined): boolean {
  let child: ts.Node = op;
  for (let n = op.parent; n; child = n, n = n.parent) {
    if (ts.isCatchClause(n) || ts.isThrowStatement(n)) return true;
    if (ts.isIfStatement(n) && child === n.thenStatement && isBailOut(n.thenStatement)) return true;
    if (ts.isIfStatement(n) && child !== n.expression && failureBranch(n.expression) === (child === n.thenStatement ? 'then' : 'else')) return true;
    if (ts.isConditionalExpression(n) && child !== n.condition && failureBranch(n.condition) === (child === n.whenTrue ? 'then' : 'else')) return true;
    // `if (!err) return done(null, res); …`, `if (code !== StatusCode.ERROR) return;`: what follows runs on failure only
    if (ts.isBlock(n) || ts.isSourceFile(n)) {
      const statements = (n as ts.Block).statements;
      const idx = statements.indexOf(child as ts.Statement);
      for (let i = 0; i < idx; i++) {
        const st = statements[i]!;
        if (ts.isIfStatement(st) && !st.elseStatement && leaves(st.thenStatement) && failureBranch(st.expression) === 'else') return true;
      }
    }
    if (n === fn) return isErrorCallback(fn);
    if (isFunctionLike(n)) return false;
  }
  return false;
}

/** From a built value up through what hands it on unchanged: parentheses, casts, a `?:` branch, a `??`/`||` fallback. */
function passedOn(op: ts.Node): { value: ts.Node; parent: ts.Node | undefined } {
  let n: ts.Node = op;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isConditionalExpression(p)) continue;
    if (ts.isBinaryExpression(p) && p.right === n && (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) continue;
    return { value: n, parent: p };
  }
  return { value: n, parent: undefined };
}

/** Property names under which a context object carries the failure of the call (`ctx.error = e`). */
const FAILURE_PROPERTY = /^(err|error|exception|reason|cause|failure)$/i;

/**
 * An error value handed on as soon as it is built — an argument (`cb(new Error(…))`, `reject(…)`,
 * `span.recordException(new Error(…))`), a returned value, an arrow's result, also as the fallback of
 * `??`/`||`, a branch of `?:` or a property of an object literal handed on that way
 * (`done({ code: FAILED, error: new Error(…) })`) — signals a failure: the code around it is the error
 * path even where no `catch` or `throw` says so. The same holds for an Error first kept in a local
 * (`const err = signal.reason || new Error('Aborted'); return fail(err)`): see errorLocalHandedOn.
 */
export function isFailureSignal(op: ts.Node): boolean {
  let n: ts.Node = op;
  // a local holding the Error itself is followed; one holding a literal the Error is part of is not
  let inLiteral = false;
  for (;;) {
    const { value, parent: p } = passedOn(n);
    n = value;
    if (p === undefined) return false;
    if (ts.isPropertyAssignment(p) || ts.isObjectLiteralExpression(p) || ts.isArrayLiteralExpression(p)) {
      n = p;
      inLiteral = true;
      continue;
    }
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== n) return true;
    if (ts.isReturnStatement(p)) return true;
    if (ts.isArrowFunction(p)) return p.body === n;
    if (inLiteral) return false;
    if (ts.isVariableDeclaration(p) && p.initializer === n) return errorLocalHandedOn(p);
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left)) {
      const d = resolveIdentifier(p.left);
      return d !== undefined && ts.isVariableDeclaration(d) && errorLocalHandedOn(d);
    }
    return false;
  }
}

/**
 * An Error kept in a local and then handed on as the call's failure: thrown, returned, passed first
 * (the error-first convention: `cb(err)`, `reject(err)`, `fail(err, ctx)`, `emit('error', err)`), or
 * stored as a context's error (`ctx.error = err`, `{ error }` handed on). A local whose `.stack` is
 * read is the other use of `new Error()` — capturing where the code is — and never a failure signal.
 * Later positions of an argument are left alone: a callee keeping an Error for its stack takes it there.
 */
function errorLocalHandedOn(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  let scope: ts.Node = decl;
  while (scope.parent && !isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let handedOn = false;
  let stackRead = false;
  const visit = (node: ts.Node): void => {
    if (stackRead) return;
    if (ts.isIdentifier(node) && node.text === name && node !== decl.name && resolveIdentifier(node) === decl) {
      const use = classifyErrorUse(node);
      if (use === 'stack') stackRead = true;
      else if (use === 'failure') handedOn = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return handedOn && !stackRead;
}

function classifyErrorUse(id: ts.Identifier): 'stack' | 'failure' | 'other' {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === id) {
    const written = ts.isBinaryExpression(p.parent) && p.parent.left === p && p.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    return p.name.text === 'stack' && !written ? 'stack' : 'other';
  }
  const { value, parent: q } = passedOn(id);
  if (q === undefined) return 'other';
  if (ts.isThrowStatement(q) || ts.isReturnStatement(q)) return 'failure';
  if (ts.isArrowFunction(q) && q.body === value) return 'failure';
  if (ts.isCallExpression(q) && q.expression !== value) {
    const first = q.arguments[0];
    if (first === value) return 'failure';
    const emitsError = memberName(unwrap(q.expression)) === 'emit' && first !== undefined && ts.isStringLiteral(first) && first.text === 'error';
    return emitsError ? 'failure' : 'other';
  }
  if (ts.isBinaryExpression(q) && q.right === value && q.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = q.left;
    if (ts.isPropertyAccessExpression(target) && FAILURE_PROPERTY.test(target.name.text)) return 'failure';
    return 'other';
  }
  // `{ error }` or `{ error: err }` handed on (an argument or a returned value)
  const key = ts.isShorthandPropertyAssignment(q) ? q.name : ts.isPropertyAssignment(q) && q.initializer === value ? q.name : undefined;
  if (key !== undefined && ts.isIdentifier(key) && FAILURE_PROPERTY.test(key.text)) return isFailureSignal(q.parent) ? 'failure' : 'other';
  return 'other';
}

const FLAG = /(config|options|opts|debug|verbose|enable|trace|diag|logLevel|capture|collect)/i;

/** Behind a configuration or debug flag: an `if`/`&&`/`?:` whose condition reads such a flag. */
export function isConditional(op: ts.Node, fn: Runner | undefined): boolean {
  let child: ts.Node = op;
  for (let n = op.parent; n && n !== fn; child = n, n = n.parent) {
    if (ts.isIfStatement(n) && child !== n.expression && FLAG.test(n.expression.getText())) return true;
    if (ts.isConditionalExpression(n) && child !== n.condition && FLAG.test(n.condition.getText())) return true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === n.right && FLAG.test(n.left.getText())) return true;
  }
  return false;
}
