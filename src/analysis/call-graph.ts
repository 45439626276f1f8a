// Edges of the call graph, computed lazily per function: the calls a function makes directly (not in
// nested functions), where each goes, and the functions it defines (callbacks it creates run when it
// runs: `res.once('end', fn)`, `.then(fn)`, `context.with(ctx, fn)`).
import { ts } from '../util/ts.cjs';
import { memberName, unwrap } from './module-ref.js';
import { isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';
import type { Values } from './values.js';

export interface Edge {
  to: FunctionNode;
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

/** Calls and nested functions directly inside a function (or a source file for module top level). */
export function factsOf(fn: FunctionNode | ts.SourceFile): Facts {
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

function constructorOf(cls: ts.ClassLikeDeclaration): FunctionNode | undefined {
  return cls.members.find(ts.isConstructorDeclaration);
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

  constructor(private readonly values: Values) {}

  /** Functions a call may reach, as far as the syntax says: its target and the callbacks handed to it. */
  callees(call: ts.CallExpression | ts.NewExpression): FunctionNode[] {
    return [...this.direct(call), ...this.callbacks(call)];
  }

  /** The function a call invokes itself (the constructor for `new`, the base constructor for `super()`). */
  direct(call: ts.CallExpression | ts.NewExpression): FunctionNode[] {
    const out: FunctionNode[] = [];
    if (ts.isNewExpression(call)) {
      const v = this.values.valueOf(call.expression);
      if (v?.kind === 'class') {
        for (let c: ts.ClassLikeDeclaration | undefined = v.node, i = 0; c && i < 8; c = this.values.baseClass(c), i++) {
          const ctor = constructorOf(c);
          if (ctor) {
            out.push(ctor);
            break;
          }
        }
      }
    } else {
      const callee = unwrap(call.expression);
      if (callee.kind === ts.SyntaxKind.SuperKeyword) {
        // super(...): the base constructor
        const base = this.superClassOf(call);
        const ctor = base && constructorOf(base);
        if (ctor) out.push(ctor);
      } else {
        const name = memberName(callee);
        // fn.call(this, …) / fn.apply(this, args) / fn.bind(x)(…)
        const target = (name === 'call' || name === 'apply') && ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
        const v = this.values.valueOf(target);
        if (v?.kind === 'function') out.push(v.node);
      }
    }
    return out;
  }

  /** Named functions handed over as arguments: the callee calls them back. */
  callbacks(call: ts.CallExpression | ts.NewExpression): FunctionNode[] {
    const out: FunctionNode[] = [];
    // functions handed over as arguments are called back by the callee (setTimeout, forEach, emitter.on …)
    for (const arg of call.arguments ?? []) {
      const a = unwrap(arg);
      if (isFunctionLike(a)) continue; // inline: already a nested function of the caller
      if (!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a) && !ts.isCallExpression(a)) continue;
      const v = this.values.valueOf(a);
      if (v?.kind === 'function') out.push(v.node);
    }
    return out;
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

  /** Outgoing edges of a function: its calls' targets, then its nested functions. */
  edges(fn: FunctionNode | ts.SourceFile): Edge[] {
    let edges = this.edgeCache.get(fn);
    if (edges) return edges;
    edges = [];
    const facts = factsOf(fn);
    for (const call of facts.calls) for (const to of this.callees(call)) edges.push({ to, via: call });
    for (const read of facts.reads) {
      const getter = this.getterOf(read);
      if (getter) edges.push({ to: getter, via: read });
    }
    for (const nested of facts.nested) {
      // Module top level defines functions without running them: only callbacks it hands to a call
      // (`process.on('exit', fn)`) and IIFEs run at load. Inside a function, the functions it creates
      // are taken to run when it runs (`.then(fn)`, `res.once('end', fn)`).
      if (ts.isSourceFile(fn) && !isCalledAtDefinition(nested)) continue;
      edges.push({ to: nested, via: nested });
    }
    this.edgeCache.set(fn, edges);
    return edges;
  }
}
