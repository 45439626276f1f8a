// Slots a once-guard tests and fills (`cache`, `this._client`, `Cls.instance`), compared across
// functions: memoisation is often split between a caller and a callee (`if (!this._client)
// this._client = this._getClient()`, `if (this._client) return this._client` in the callee, a flag set
// by the function the guard calls), so "is this the same slot" cannot be a text comparison alone.
import { ts } from '../util/ts.cjs';
import { calledName } from './function-name.js';
import { memberName, unwrap } from './module-ref.js';
import { isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';
import { thisClass } from './values.js';

/** `self` in `const self = this`. */
function isThisAlias(e: ts.Expression): boolean {
  if (!ts.isIdentifier(e)) return false;
  const d = resolveIdentifier(e);
  return d !== undefined && ts.isVariableDeclaration(d) && d.initializer !== undefined && unwrap(d.initializer).kind === ts.SyntaxKind.ThisKeyword;
}

function isThis(e: ts.Expression): boolean {
  return e.kind === ts.SyntaxKind.ThisKeyword || isThisAlias(e);
}

/** The function whose `this` an expression sees: arrows see through to the one around them. */
function thisBinder(e: ts.Node): ts.Node | undefined {
  for (let n = e.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (isFunctionLike(n) || ts.isClassLike(n) || ts.isSourceFile(n)) return n;
  }
  return undefined;
}

function isStaticMember(n: ts.Node): boolean {
  return ts.canHaveModifiers(n) && (ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
}

/**
 * What `this` stands for at `e`: the class (its instances, or the class itself in static code), the
 * constructor of `X.prototype.m = function () {…}` methods, or else the function that binds `this`.
 */
function thisOwner(e: ts.Node): { owner: ts.Node; isStatic: boolean } | undefined {
  const at = ts.isIdentifier(e) ? (resolveIdentifier(e) ?? e) : e; // an alias: where it was taken
  const cls = thisClass(at);
  if (cls) {
    let member: ts.Node = at;
    while (member.parent && member.parent !== cls) member = member.parent;
    return { owner: cls, isStatic: isStaticMember(member) };
  }
  const binder = thisBinder(at);
  if (!binder || ts.isSourceFile(binder)) return undefined;
  const p = binder.parent;
  // `X.prototype.m = function () {…}`: `this` is an X
  if (p && ts.isBinaryExpression(p) && p.right === binder && ts.isPropertyAccessExpression(p.left)) {
    const proto = unwrap(p.left.expression);
    if (ts.isPropertyAccessExpression(proto) && proto.name.text === 'prototype') {
      const base = unwrap(proto.expression);
      const d = ts.isIdentifier(base) ? resolveIdentifier(base) : undefined;
      if (d) return { owner: d, isStatic: false };
    }
  }
  return { owner: binder, isStatic: false };
}

/** Two expressions naming the same persistent slot, possibly written in two functions. */
export function sameSlot(a: ts.Expression, b: ts.Expression): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (isThis(x) && isThis(y)) {
    const ox = thisOwner(x);
    const oy = thisOwner(y);
    return ox !== undefined && oy !== undefined && ox.owner === oy.owner && ox.isStatic === oy.isStatic;
  }
  if (ts.isIdentifier(x) && ts.isIdentifier(y)) return x.text === y.text && resolveIdentifier(x) === resolveIdentifier(y);
  if ((ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) && (ts.isPropertyAccessExpression(y) || ts.isElementAccessExpression(y))) {
    const nx = memberName(x);
    return nx !== undefined && nx === memberName(y) && sameSlot(x.expression, y.expression);
  }
  return false;
}

/**
 * What the slot belongs to when it lives on an instance (`this._client` in an instance method): the
 * class, or the constructor function of prototype methods. Such a cache runs once per instance, which
 * is once per call when the instance is made per call. Undefined for module variables and static
 * fields (`Cls.instance`, `this._x` in a static method): those run once.
 */
export function instanceOwner(slot: ts.Expression): ts.Node | undefined {
  let root = unwrap(slot);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  if (!isThis(root)) return undefined;
  const o = thisOwner(root);
  return o && !o.isStatic ? o.owner : undefined;
}

const storedCache = new WeakMap<FunctionNode, Map<string, boolean>>();

/**
 * Does a caller store what `fn` returns into `slot`? `this._client = this._getClient()` next to a
 * `_getClient` that returns early `if (this._client) return this._client`: together, once. Looked for
 * where the slot can be named: the class for `this.x`, the file for module variables.
 */
export function storedByCallers(fn: FunctionNode, slot: ts.Expression): boolean {
  const name = calledName(fn);
  if (!name) return false;
  let byFn = storedCache.get(fn);
  if (!byFn) storedCache.set(fn, (byFn = new Map<string, boolean>()));
  const key = slot.getText();
  const known = byFn.get(key);
  if (known !== undefined) return known;
  let root = unwrap(slot);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  // a field is named in its class (or next to the prototype methods, in the file); a variable in its file
  const scope: ts.Node = (isThis(root) && thisClass(root)) || fn.getSourceFile();
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && isFillingAssignment(n.operatorToken.kind) && sameSlot(n.left, slot)) {
      let right = unwrap(n.right);
      if (ts.isAwaitExpression(right)) right = unwrap(right.expression);
      if (ts.isCallExpression(right)) {
        const callee = unwrap(right.expression);
        if ((ts.isIdentifier(callee) ? callee.text : memberName(callee)) === name) found = true;
      }
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(scope);
  byFn.set(key, found);
  return found;
}

function isFillingAssignment(k: ts.SyntaxKind): boolean {
  return k === ts.SyntaxKind.EqualsToken || k === ts.SyntaxKind.QuestionQuestionEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken;
}

/** Functions a call in a guard's branch goes into, to look for the slot being filled there. */
export type CalleesOf = (call: ts.CallExpression) => FunctionNode[];

/**
 * A slot as a root and the member names read from it: `this._cache.byKey` is `this` · [_cache, byKey].
 * Inside a callee the root can be one of its parameters: `fill(entry)` with `function fill(e) {
 * Object.defineProperty(e, 'regex', …) }` fills the caller's `entry.regex`.
 */
interface SlotPath {
  root: ts.Expression | ts.ParameterDeclaration;
  members: string[];
}

function pathOf(e: ts.Expression): { root: ts.Expression; members: string[] } | undefined {
  const members: string[] = [];
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) {
    const m = memberName(x);
    if (m === undefined) return undefined;
    members.unshift(m);
    x = unwrap(x.expression);
  }
  return { root: x, members };
}

/** Does `e` name the slot's first `upTo` members (all of them by default)? */
function names(e: ts.Expression, slot: SlotPath, upTo = slot.members.length): boolean {
  const p = pathOf(e);
  if (!p || p.members.length !== upTo) return false;
  for (let i = 0; i < upTo; i++) if (p.members[i] !== slot.members[i]) return false;
  if (ts.isParameter(slot.root)) return ts.isIdentifier(p.root) && resolveIdentifier(p.root) === slot.root;
  return sameSlot(p.root, slot.root);
}

/** `Object.defineProperty(target, 'name', …)`, `Reflect.defineProperty(…)`: an assignment of `target.name`. */
function definedProperty(call: ts.CallExpression): { target: ts.Expression; name: string } | undefined {
  const c = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(c) || c.name.text !== 'defineProperty') return undefined;
  const owner = unwrap(c.expression);
  if (!ts.isIdentifier(owner) || (owner.text !== 'Object' && owner.text !== 'Reflect') || resolveIdentifier(owner) !== undefined) return undefined;
  const [target, key] = call.arguments;
  return target && key && ts.isStringLiteralLike(key) ? { target, name: key.text } : undefined;
}

/**
 * Does `scope` fill the slot (assign it, define it, or `set`/`add` into the map it names)? Calls in
 * `scope` are followed `depth` levels when `callees` is given: `if (!this._ready) this._setUp()` with
 * `_setUp` setting `this._ready = true` is a first-call flag split across two functions; a call handed
 * the slot's owner (`fill(entry)`) is followed with the slot named from the callee's parameter.
 */
export function fills(scope: ts.Node, slot: ts.Expression, callees?: CalleesOf, depth = 2): boolean {
  const path = pathOf(slot);
  return path ? fillsPath(scope, path, callees, depth) : false;
}

function fillsPath(scope: ts.Node, slot: SlotPath, callees: CalleesOf | undefined, depth: number): boolean {
  // rebinding a parameter fills nothing of the caller's
  const bare = ts.isParameter(slot.root) && slot.members.length === 0;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = unwrap(n.left);
      if ((names(left, slot) && !bare) || ((ts.isElementAccessExpression(left) || ts.isPropertyAccessExpression(left)) && names(left.expression, slot))) found = true;
    }
    if (ts.isCallExpression(n)) {
      const c = unwrap(n.expression);
      const name = memberName(c);
      const defined = definedProperty(n);
      if ((name === 'set' || name === 'add') && ts.isPropertyAccessExpression(c) && names(c.expression, slot)) found = true;
      else if (defined && (names(defined.target, slot) || (slot.members.length > 0 && slot.members[slot.members.length - 1] === defined.name && names(defined.target, slot, slot.members.length - 1))))
        found = true;
      else if (callees && depth > 0) {
        for (const callee of callees(n)) {
          if (callee.body && (fillsPath(callee.body, slot, callees, depth - 1) || fillsThroughParameters(n, callee, slot, callees, depth - 1))) {
            found = true;
            break;
          }
        }
      }
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** `fill(entry)` filling `entry.regex`: the slot named from the parameter the call hands its owner to. */
function fillsThroughParameters(call: ts.CallExpression, callee: FunctionNode, slot: SlotPath, callees: CalleesOf, depth: number): boolean {
  const spread = call.arguments.findIndex((a) => ts.isSpreadElement(a));
  const args = spread === -1 ? call.arguments : call.arguments.slice(0, spread);
  for (let i = 0; i < args.length && i < callee.parameters.length; i++) {
    const param = callee.parameters[i]!;
    if (!ts.isIdentifier(param.name) || param.dotDotDotToken) continue;
    for (let upTo = 0; upTo < slot.members.length; upTo++) {
      if (names(args[i]!, slot, upTo) && fillsPath(callee.body!, { root: param, members: slot.members.slice(upTo) }, callees, depth)) return true;
    }
  }
  return false;
}
