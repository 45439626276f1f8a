// Edges of the call graph, computed lazily per function: the calls a function makes directly (not in
// nested functions), where each goes, and the callbacks it creates and hands on (they run when it
// runs: `res.once('end', fn)`, `.then(fn)`, `context.with(ctx, fn)`; a closure it only stores runs
// where it is called).
import { ts } from '../util/ts.cjs';
import { isGlobalIdentifier, memberName, unwrap } from './module-ref.js';
import { returnedFunctions } from './returned-functions.js';
import { instanceInitializers, isFunctionLike, resolveIdentifier, type FunctionNode, type Runner } from './scope.js';
import type { Values } from './values.js';

export interface Edge {
  to: Runner;
  /** the call (or `new`) expression, or the nested function itself for callbacks */
  via: ts.Node;
}

interface Facts {
  calls: Array<ts.CallExpression | ts.NewExpression>;
  nested: FunctionNode[];
  /** `this.x` / `self.x` reads that are not calls: they run a getter when x is one */
  reads: ts.PropertyAccessExpression[];
}

const factsCache = new WeakMap<ts.Node, Facts>();

/** Calls and nested functions directly inside a function (a source file: module top level; a class: its instance field initialisers). */
export function factsOf(fn: Runner | ts.SourceFile): Facts {
  const facts = factsCache.get(fn);
  if (facts) return facts;
  const found: Facts = { calls: [], nested: [], reads: [] };
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n)) {
      found.nested.push(n);
      return;
    }
    if (ts.isClassLike(n)) {
      // a class defined inside a function: its methods run when called, not when defined;
      // field initialisers and static blocks are left out as well
      return;
    }
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) found.calls.push(n);
    else if (ts.isPropertyAccessExpression(n) && isGetterCandidate(n)) found.reads.push(n);
    ts.forEachChild(n, visit);
  };
  if (ts.isSourceFile(fn)) ts.forEachChild(fn, visit);
  else if (ts.isClassLike(fn)) for (const init of instanceInitializers(fn)) visit(init);
  else {
    for (const p of fn.parameters) visit(p); // default values run on every call
    if (fn.body) visit(fn.body);
  }
  factsCache.set(fn, found);
  return found;
}

/** `const self = this`-style aliases: reads through them are getter candidates too. */
function isThisAlias(e: ts.Expression): boolean {
  if (!ts.isIdentifier(e)) return false;
  const d = resolveIdentifier(e);
  return d !== undefined && ts.isVariableDeclaration(d) && d.initializer !== undefined && unwrap(d.initializer).kind === ts.SyntaxKind.ThisKeyword;
}

/**
 * A read of `this.x`, `super.x` or `self.x` that is neither called nor assigned. Reads of module
 * members (`api_1.SpanKind`) are left out on purpose: resolving them would load files for nothing.
 */
function isGetterCandidate(n: ts.PropertyAccessExpression): boolean {
  const k = n.expression.kind;
  if (k !== ts.SyntaxKind.ThisKeyword && k !== ts.SyntaxKind.SuperKeyword && !isThisAlias(n.expression)) return false;
  const p = n.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === n) return false;
  return !(ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken);
}

/**
 * The value of a call handed on to other code: an argument of another call, or stored into an
 * object that is not `this` (`arguments[n] = …`, `options.callback = …`). A result kept in a field of
 * `this` or in a variable is followed where it is called instead.
 */
function resultIsHandedOn(call: ts.CallExpression | ts.NewExpression): boolean {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== n) return true;
  if (!ts.isBinaryExpression(p) || p.right !== n || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const left = unwrap(p.left);
  return (ts.isElementAccessExpression(left) || ts.isPropertyAccessExpression(left)) && unwrap(left.expression).kind !== ts.SyntaxKind.ThisKeyword;
}

/** Functions an object literal holds directly (`{ start() {}, end: (m) => {} }`). */
function objectFunctions(obj: ts.ObjectLiteralExpression): FunctionNode[] {
  const out: FunctionNode[] = [];
  for (const p of obj.properties) {
    if (isFunctionLike(p)) out.push(p);
    else if (ts.isPropertyAssignment(p) && isFunctionLike(unwrap(p.initializer))) out.push(unwrap(p.initializer) as FunctionNode);
  }
  return out;
}

function constructorOf(cls: ts.ClassLikeDeclaration): FunctionNode | undefined {
  return cls.members.find(ts.isConstructorDeclaration);
}

/**
 * A function created inside another runs when that one runs only when it is handed to a call (a
 * callback: `.then(fn)`, `res.once('end', fn)`, `new Promise(fn)`), also inside an object or array
 * literal handed over (`channel.subscribe({ start() {…} })`), bound first (`fn.bind(this)`), or called
 * on the spot. One assigned to a field or a variable, or returned, runs where it is called
 * (`this._onEnd = () => {…}` in a constructor runs when something calls `this._onEnd()`).
 */
export function runsWhereDefined(fn: FunctionNode): boolean {
  let n: ts.Node = fn;
  for (let hops = 0; hops < 12; hops++) {
    const p = n.parent;
    if (ts.isParenthesizedExpression(p) || ts.isArrayLiteralExpression(p) || ts.isObjectLiteralExpression(p) || ts.isSpreadElement(p)) {
      n = p;
      continue;
    }
    // `{ start: fn }` / `{ start() {} }` inside a literal: the literal decides
    if ((ts.isPropertyAssignment(p) && p.initializer === n) || (ts.isObjectLiteralExpression(p) && n === fn)) {
      n = p;
      continue;
    }
    // `cond ? fn : other`, `cb || fn`: whichever is picked is handed on
    if (
      (ts.isConditionalExpression(p) && p.condition !== n) ||
      (ts.isBinaryExpression(p) && p.right === n && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken))
    ) {
      n = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === n && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      const name = p.name.text;
      if (name === 'call' || name === 'apply') return true; // fn.call(this, …): called right here
      if (name === 'bind') {
        n = p.parent;
        continue;
      }
      return false;
    }
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) return p.expression === n || (p.arguments?.some((a) => a === n) ?? false);
    return false;
  }
  return false;
}

/** An IIFE or a callback handed straight to a call: it runs when the code around it runs. */
export function isCalledAtDefinition(fn: FunctionNode): boolean {
  let n: ts.Node = fn;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!ts.isCallExpression(p) && !ts.isNewExpression(p)) return false;
  const args: readonly ts.Node[] = p.arguments ?? [];
  return p.expression === n || args.includes(n);
}

export class CallGraph {
  private readonly edgeCache = new WeakMap<ts.Node, Edge[]>();
  private readonly making = new Set<ts.Node>();
  private readonly returnedCache = new WeakMap<FunctionNode, FunctionNode[]>();
  private readonly directCache = new WeakMap<ts.Node, FunctionNode[]>();

  constructor(private readonly values: Values) {}

  /** Functions a call may reach, as far as the syntax says: its target and the callbacks handed to it. */
  callees(call: ts.CallExpression | ts.NewExpression): Runner[] {
    return [...this.direct(call), ...this.initialisers(call), ...this.callbacks(call)];
  }

  /** The function a call invokes itself (the constructor for `new`, the base constructor for `super()`). */
  direct(call: ts.CallExpression | ts.NewExpression): FunctionNode[] {
    // asked for the same call by the edges, the guards, the set-up search and the hook finders
    let out = this.directCache.get(call);
    if (!out) {
      out = this.resolveDirect(call);
      this.directCache.set(call, out);
    }
    return out;
  }

  private resolveDirect(call: ts.CallExpression | ts.NewExpression): FunctionNode[] {
    const out: FunctionNode[] = [];
    const cls = this.constructed(call);
    if (cls) {
      for (const c of this.classChain(cls)) {
        const ctor = constructorOf(c);
        if (ctor) {
          out.push(ctor);
          break;
        }
      }
    } else if (ts.isCallExpression(call)) {
      const callee = unwrap(call.expression);
      if (callee.kind !== ts.SyntaxKind.SuperKeyword) {
        const name = memberName(callee);
        // fn.call(this, …) / fn.apply(this, args) / fn.bind(x)(…)
        const target = (name === 'call' || name === 'apply') && ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
        const t = unwrap(target);
        const method = memberName(t);
        if (method !== undefined && (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t))) {
          // `this._exporter.export(…)`: every receiver the field may hold
          for (const base of this.values.valuesOf(t.expression)) {
            const v = this.values.member(base, method);
            if (v?.kind === 'function' && !out.includes(v.node)) out.push(v.node);
          }
        } else {
          const v = this.values.callable(this.values.valueOf(target));
          if (v?.kind === 'function') out.push(v.node);
          // `const f = make(); f()`, `make()()`: the closures the maker returns
          else out.push(...this.madeBy(target));
        }
      }
    }
    return out;
  }

  /** The class a `new X()` builds, or whose constructor a `super()` call runs. */
  private constructed(call: ts.CallExpression | ts.NewExpression): ts.ClassLikeDeclaration | undefined {
    if (ts.isNewExpression(call)) {
      // `new (require('./x'))()` with `module.exports = class …`: the module's whole export
      const v = this.values.callable(this.values.valueOf(call.expression));
      return v?.kind === 'class' ? v.node : undefined;
    }
    return unwrap(call.expression).kind === ts.SyntaxKind.SuperKeyword ? this.superClassOf(call) : undefined;
  }

  /** The class and its bases up to the first one with a constructor: whose initialisers a `new` runs itself. */
  private classChain(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
    const out: ts.ClassLikeDeclaration[] = [];
    for (let c: ts.ClassLikeDeclaration | undefined = cls, i = 0; c && i < 8; c = this.values.baseClass(c), i++) {
      out.push(c);
      if (constructorOf(c)) break;
    }
    return out;
  }

  /**
   * Classes whose instance field initialisers a `new X()` (or `super()`) runs: X and its bases up to the
   * one with a constructor; that constructor's own `super()` leads on to the rest.
   */
  initialisers(call: ts.CallExpression | ts.NewExpression): ts.ClassLikeDeclaration[] {
    const cls = this.constructed(call);
    return cls ? this.classChain(cls).filter((c) => instanceInitializers(c).length > 0) : [];
  }

  /** Named functions handed over as arguments: the callee calls them back. */
  callbacks(call: ts.CallExpression | ts.NewExpression): FunctionNode[] {
    const out: FunctionNode[] = [];
    if (handlesObjectsOnly(call)) return out;
    // functions handed over as arguments are called back by the callee (setTimeout, forEach, emitter.on …)
    for (const arg of call.arguments ?? []) {
      const a = unwrap(arg);
      if (isFunctionLike(a)) continue; // inline: already a nested function of the caller
      if (!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a) && !ts.isCallExpression(a)) continue;
      const v = this.values.valueOf(a);
      if (v?.kind === 'function') out.push(v.node);
      // `const handlers = { start() {…} }; channel.subscribe(handlers)`: its methods are called back
      else if (v?.kind === 'object' && !v.node.getSourceFile().isDeclarationFile) out.push(...objectFunctions(v.node));
    }
    return out;
  }

  /** Functions `maker` returns (memoised: many calls reach the same factory). */
  private returned(maker: FunctionNode): FunctionNode[] {
    let out = this.returnedCache.get(maker);
    if (!out) {
      this.returnedCache.set(maker, []); // a factory returning its own call
      out = returnedFunctions(maker, this.values, this, 1);
      this.returnedCache.set(maker, out);
    }
    return out;
  }

  /**
   * A function made by another call and called later: `const onEnd = makeOnEnd(cfg); onEnd(span)` or
   * `makeOnEnd(cfg)(span)` calls what `makeOnEnd` returns.
   */
  private madeBy(target: ts.Expression): FunctionNode[] {
    let e = unwrap(target);
    if (ts.isIdentifier(e)) {
      const d = resolveIdentifier(e);
      if (!d || !ts.isVariableDeclaration(d) || !d.initializer) return [];
      e = unwrap(d.initializer);
    }
    if (!ts.isCallExpression(e) || this.making.has(e)) return [];
    this.making.add(e); // `const f = f()`-style cycles
    try {
      return this.direct(e).flatMap((maker) => this.returned(maker));
    } finally {
      this.making.delete(e);
    }
  }

  /** The class getter a property read runs, if the object is a known instance and the member a getter. */
  private getterOf(read: ts.PropertyAccessExpression): FunctionNode | undefined {
    const base = this.values.valueOf(read.expression);
    if (base?.kind !== 'instance' && base?.kind !== 'class') return undefined;
    const cls = base.kind === 'instance' ? base.cls : base.node;
    const m = this.values.findMember(cls, read.name.text, base.kind === 'class');
    return m && ts.isGetAccessorDeclaration(m) ? m : undefined;
  }

  private superClassOf(node: ts.Node): ts.ClassLikeDeclaration | undefined {
    for (let n = node.parent; n; n = n.parent) if (ts.isClassLike(n)) return this.values.baseClass(n);
    return undefined;
  }

  /**
   * Edges and every function defined inside, called there or not: what a function leads to in the
   * code, for labels that follow the code rather than the calls (the module a patch callback patches
   * reaches the wrappers it returns and the `_wrap` calls they make).
   */
  lexicalEdges(fn: Runner | ts.SourceFile): Edge[] {
    const edges = this.edges(fn);
    const extra = factsOf(fn).nested.filter((n) => !edges.some((e) => e.to === n));
    return extra.length === 0 ? edges : [...edges, ...extra.map((n) => ({ to: n, via: n }))];
  }

  /** Outgoing edges of a function: its calls' targets, then the callbacks it hands on. */
  edges(fn: Runner | ts.SourceFile): Edge[] {
    let edges = this.edgeCache.get(fn);
    if (edges) return edges;
    edges = [];
    const facts = factsOf(fn);
    for (const call of facts.calls) {
      for (const to of this.callees(call)) edges.push({ to, via: call });
      // `emitter.on('test', makeHandler())`, `args[i] = wrapCallback(cb)`: the closure a call returns is
      // handed on here, and runs when the code it is handed to calls it
      if (resultIsHandedOn(call)) for (const maker of this.direct(call)) for (const to of this.returned(maker)) edges.push({ to, via: call });
    }
    for (const read of facts.reads) {
      const getter = this.getterOf(read);
      if (getter) edges.push({ to: getter, via: read });
    }
    // a callback's own returned closure goes to whoever called the callback, which takes it to call it
    // (a Proxy `get` trap returning a method, a wrapper factory handed to a helper)
    if (!ts.isSourceFile(fn) && !ts.isClassLike(fn) && runsWhereDefined(fn)) for (const to of this.returned(fn)) edges.push({ to, via: to });
    for (const nested of facts.nested) {
      // Module top level defines functions without running them: only callbacks it hands to a call
      // (`process.on('exit', fn)`) and IIFEs run at load; a class's field initialisers are alike (an
      // arrow held in a field is a method, not a call). Inside a function, the callbacks it hands on
      // are taken to run when it runs (`.then(fn)`, `res.once('end', fn)`); a closure it stores or
      // returns runs where it is called, found through the calls that reach it.
      if (ts.isSourceFile(fn) || ts.isClassLike(fn) ? !isCalledAtDefinition(nested) : !runsWhereDefined(nested)) continue;
      edges.push({ to: nested, via: nested });
    }
    this.edgeCache.set(fn, edges);
    return edges;
  }
}

/**
 * `Object.defineProperty(patched, key, …)`, `Object.assign(wrapper, original)`: built-ins that take a
 * function as an object (to define on, copy from, freeze) and never call it. Counting it as a callback
 * would make a wrapper run where it is only decorated — in a `_wrap` factory, the moment of set-up.
 */
const OBJECT_ONLY: Readonly<Record<string, ReadonlySet<string>>> = {
  Object: new Set([
    'defineProperty',
    'defineProperties',
    'assign',
    'setPrototypeOf',
    'freeze',
    'seal',
    'preventExtensions',
    'keys',
    'values',
    'entries',
    'getOwnPropertyNames',
    'getOwnPropertyDescriptor',
    'getOwnPropertyDescriptors',
    'getPrototypeOf',
  ]),
  Reflect: new Set(['defineProperty', 'setPrototypeOf', 'getPrototypeOf', 'ownKeys', 'getOwnPropertyDescriptor', 'has', 'deleteProperty', 'preventExtensions']),
};

function handlesObjectsOnly(call: ts.CallExpression | ts.NewExpression): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const base = unwrap(callee.expression);
  return Object.entries(OBJECT_ONLY).some(([global, methods]) => methods.has(callee.name.text) && isGlobalIdentifier(base, global));
}
