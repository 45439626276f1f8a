// What `this.x` holds when x is not a method or an initialised field: the values the class's own code
// assigns to it (`this._handler = new Handler()` in the constructor or a set-up method), and what a
// constructor parameter holds: the arguments of the class's `new` sites in the same package
// (`new Processor(new Exporter())`), also through subclasses without a constructor and `super(…)`
// calls. Flow-insensitive and bounded like values.ts: every assignment counts, wherever it sits.
import { ts } from '../util/ts.cjs';
import { className } from './function-name.js';
import { memberName, unwrap } from './module-ref.js';
import { isFunctionLike, resolveIdentifier } from './scope.js';
import { sitesByName } from './sites-by-name.js';
import { syntaxIndex } from './syntax-index.js';
import { thisClass } from './this-class.js';
import type { ClassNode, Value } from './value.js';
import type { Workspace } from './workspace.js';

const MAX_SITES = 32;
/** Parameters followed to arguments, and those to further parameters, at most this many steps. */
const MAX_DEPTH = 8;
const assignmentCache = new WeakMap<ClassNode, Map<string, ts.Expression[]>>();

/** `this.name = expr` (also `??=`, `||=`) in the class's own functions, by field name; arrows see the same `this`. */
export function fieldAssignments(cls: ClassNode): Map<string, ts.Expression[]> {
  let found = assignmentCache.get(cls);
  if (found) return found;
  const map = new Map<string, ts.Expression[]>();
  found = map;
  const add = (name: string, e: ts.Expression): void => {
    const list = map.get(name);
    if (list) list.push(e);
    else map.set(name, [e]);
  };
  const visit = (n: ts.Node): void => {
    // another class, or a function with its own `this`
    if (ts.isClassLike(n) || ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return;
    if (ts.isBinaryExpression(n)) {
      const k = n.operatorToken.kind;
      const left = unwrap(n.left);
      if (
        (k === ts.SyntaxKind.EqualsToken || k === ts.SyntaxKind.QuestionQuestionEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken) &&
        (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) &&
        unwrap(left.expression).kind === ts.SyntaxKind.ThisKeyword
      ) {
        const name = memberName(left);
        if (name !== undefined) add(name, n.right);
      }
    }
    ts.forEachChild(n, visit);
  };
  for (const m of cls.members) {
    if (ts.isConstructorDeclaration(m)) {
      // TypeScript parameter properties: `constructor(private readonly exporter: Exporter)`
      for (const p of m.parameters) if (ts.isIdentifier(p.name) && ts.getModifiers(p)?.length) add(p.name.text, p.name);
    }
    if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) {
      if (m.body) ts.forEachChild(m.body, visit);
    } else if (ts.isPropertyDeclaration(m) && m.initializer) visit(m.initializer);
  }
  assignmentCache.set(cls, found);
  return found;
}

/** `Cls.name = expr` at the top level of the class's file (tsc's and Babel's output for static fields). */
export function staticAssignment(cls: ClassNode, name: string): ts.Expression | undefined {
  const clsName = className(cls);
  for (const a of syntaxIndex(cls.getSourceFile()).propertyAssignments) {
    const left = unwrap(a.left);
    if (memberName(left) !== name || !(ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left))) continue;
    const owner = unwrap(left.expression);
    if (!ts.isIdentifier(owner) || owner.text !== clsName) continue;
    const d = resolveIdentifier(owner);
    if (d === cls || (d && ts.isVariableDeclaration(d) && d.initializer && unwrap(d.initializer) === cls)) return a.right;
  }
  return undefined;
}

/** The constructor parameter an identifier names, with its position, if it is one. */
export function constructorParameter(id: ts.Identifier): { ctor: ts.ConstructorDeclaration; index: number } | undefined {
  const d = id.parent && ts.isParameter(id.parent) && id.parent.name === id ? id.parent : resolveIdentifier(id);
  if (!d || !ts.isParameter(d) || !ts.isConstructorDeclaration(d.parent) || d.dotDotDotToken) return undefined;
  return { ctor: d.parent, index: d.parent.parameters.indexOf(d) };
}

/** The part of values.ts this file asks: kept to an interface so that the two files do not import each other. */
export interface ValueSource {
  valueOf(expr: ts.Expression, depth?: number): Value | undefined;
  baseClass(cls: ClassNode): ClassNode | undefined;
}

export class Fields {
  private readonly resolving = new Set<string>();
  private readonly argumentCache = new Map<ClassNode, Map<number, ts.Expression[]>>();

  constructor(
    private readonly values: ValueSource,
    private readonly ws: Workspace,
  ) {}

  /** Every value the class chain assigns to `this.name`, constructor parameters followed to their arguments. */
  valuesOf(cls: ClassNode, name: string, depth: number): Value[] {
    const out: Value[] = [];
    for (let c: ClassNode | undefined = cls, hops = 0; c && hops < 8; c = this.values.baseClass(c), hops++) {
      const exprs = fieldAssignments(c).get(name);
      if (!exprs) continue;
      const key = `${c.getSourceFile().fileName}:${c.pos}:${name}`;
      if (this.resolving.has(key)) continue; // `this._x = this._x || make()`
      this.resolving.add(key);
      try {
        for (const e of exprs) out.push(...this.expressionValues(e, depth));
      } finally {
        this.resolving.delete(key);
      }
      if (out.length > 0) break; // a subclass's own assignments win over its bases'
    }
    return unique(out);
  }

  /** A constructor parameter's values: the arguments its class is built with in the package. */
  parameterValues(ctor: ts.ConstructorDeclaration, index: number, depth: number): Value[] {
    // a class built with its own parameter (`new Node(parent)` in Node's constructor), or two classes
    // that build each other, lead back here: the values already being collected are all there are
    const key = `${ctor.getSourceFile().fileName}:${ctor.pos}:new:${index}`;
    if (this.resolving.has(key) || depth >= MAX_DEPTH) return [];
    this.resolving.add(key);
    const out: Value[] = [];
    try {
      for (const arg of this.argumentsFor(ctor.parent, index, 0)) {
        out.push(...this.expressionValues(arg, depth + 1));
        if (out.length >= MAX_SITES) break;
      }
    } finally {
      this.resolving.delete(key);
    }
    return unique(out);
  }

  private expressionValues(expr: ts.Expression, depth: number): Value[] {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      const p = constructorParameter(e);
      if (p) return this.parameterValues(p.ctor, p.index, depth);
      // a factory's or set-up method's parameter passed on to the constructor
      // (`static create(generator) { return new P(generator) }`): what the package's callers pass
      const d = resolveIdentifier(e);
      if (d && ts.isParameter(d) && !d.dotDotDotToken && depth < MAX_DEPTH) return this.callerValues(d.parent, d.parent.parameters.indexOf(d), depth);
    }
    // `a ?? new Default()`, `cond ? new A() : new B()`: either
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return [...this.expressionValues(e.left, depth), ...this.expressionValues(e.right, depth)];
    }
    if (ts.isConditionalExpression(e)) return [...this.expressionValues(e.whenTrue, depth), ...this.expressionValues(e.whenFalse, depth)];
    const v = this.values.valueOf(e, depth + 1);
    return v ? [v] : [];
  }

  /**
   * What an array holds, for the element a loop or an iteration callback gets (`for (const r of
   * this.rules)`, `this.rules.find((r) => r.matches(…))`): the elements of array literals and what is
   * pushed onto them (`list.push(new Rule())`), followed through variables, `this` fields (the class's
   * assignments and its `this.f.push(x)`) and parameters (what the package's callers pass). Flow-insensitive
   * and bounded like the rest: every write counts, wherever it sits.
   */
  elementValues(expr: ts.Expression, depth: number): Value[] {
    if (depth >= MAX_DEPTH) return [];
    const e = unwrap(expr);
    const out: Value[] = [];
    if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) out.push(...(ts.isSpreadElement(el) ? this.elementValues(el.expression, depth + 1) : this.expressionValues(el, depth + 1)));
      return unique(out);
    }
    let key: string | undefined;
    let sources: () => void = () => undefined;
    if (ts.isIdentifier(e)) {
      const d = resolveIdentifier(e);
      if (d && ts.isVariableDeclaration(d) && ts.isIdentifier(d.name)) {
        const decl = d;
        key = `${d.getSourceFile().fileName}:${d.pos}:elements`;
        sources = () => {
          if (decl.initializer) out.push(...this.elementValues(decl.initializer, depth + 1));
          out.push(...this.pushedOnto(decl.getSourceFile(), (target) => ts.isIdentifier(target) && target.text === (decl.name as ts.Identifier).text && resolveIdentifier(target) === decl, depth));
        };
      } else if (d && ts.isParameter(d) && !d.dotDotDotToken && isFunctionLike(d.parent)) {
        const fn = d.parent;
        const index = fn.parameters.indexOf(d);
        key = `${fn.getSourceFile().fileName}:${fn.pos}:${index}:elements`;
        sources = () => {
          for (const arg of this.callerArguments(fn, index)) out.push(...this.elementValues(arg, depth + 1));
        };
      }
    } else if (ts.isPropertyAccessExpression(e) && unwrap(e.expression).kind === ts.SyntaxKind.ThisKeyword) {
      const cls = thisClass(e);
      const name = e.name.text;
      if (cls) {
        key = `${cls.getSourceFile().fileName}:${cls.pos}:${name}:elements`;
        sources = () => {
          for (const w of fieldAssignments(cls).get(name) ?? []) out.push(...this.elementValues(w, depth + 1));
          const isField = (target: ts.Expression): boolean =>
            ts.isPropertyAccessExpression(target) && target.name.text === name && unwrap(target.expression).kind === ts.SyntaxKind.ThisKeyword && thisClass(target) === cls;
          out.push(...this.pushedOnto(cls.getSourceFile(), isField, depth, cls));
        };
      }
    }
    if (key === undefined || this.resolving.has(key)) return out;
    this.resolving.add(key);
    try {
      sources();
    } finally {
      this.resolving.delete(key);
    }
    return unique(out);
  }

  /** What `target.push(…)` / `target.unshift(…)` calls in a file (inside `within`, when given) add to an array. */
  private pushedOnto(sf: ts.SourceFile, isTarget: (target: ts.Expression) => boolean, depth: number, within?: ts.Node): Value[] {
    const out: Value[] = [];
    for (const call of syntaxIndex(sf).calls) {
      if (within && (call.pos < within.pos || call.end > within.end)) continue;
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'push' && callee.name.text !== 'unshift') || !isTarget(unwrap(callee.expression))) continue;
      for (const arg of call.arguments) out.push(...(ts.isSpreadElement(arg) ? this.elementValues(arg.expression, depth + 1) : this.expressionValues(arg, depth + 1)));
      if (out.length >= MAX_SITES) break;
    }
    return out;
  }

  /** Argument `index` of the package's calls of a function or `new`s of a constructor's class, at most MAX_SITES. */
  private callerArguments(fn: ts.SignatureDeclaration, index: number): ts.Expression[] {
    if (ts.isConstructorDeclaration(fn)) return this.argumentsFor(fn.parent, index, 0);
    const out: ts.Expression[] = [];
    for (const arg of this.argumentsPassed(fn, index)) if (out.push(arg) >= MAX_SITES) break;
    return out;
  }

  /** Argument `index` of the package's calls of a named function (found by name, resolved one by one), as they are found. */
  private *argumentsPassed(fn: ts.SignatureDeclaration, index: number): Generator<ts.Expression> {
    const name = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : undefined;
    if (!name) return;
    for (const sf of this.packageFiles(fn)) {
      for (const call of sitesByName(sf).calls.get(name) ?? []) {
        const arg = call.arguments[index];
        if (!arg) continue;
        const target = this.values.valueOf(unwrap(call.expression), 1);
        if (target?.kind === 'function' && target.node === fn) yield arg;
      }
    }
  }

  /** Argument `index` of the package's calls of a function (found by name, resolved one by one). */
  private callerValues(fn: ts.SignatureDeclaration, index: number, depth: number): Value[] {
    if (!isFunctionLike(fn)) return [];
    const name = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : undefined;
    if (!name) return [];
    const key = `${fn.getSourceFile().fileName}:${fn.pos}:${index}`;
    if (this.resolving.has(key)) return [];
    this.resolving.add(key);
    const out: Value[] = [];
    try {
      for (const arg of this.argumentsPassed(fn, index)) {
        out.push(...this.expressionValues(arg, depth + 1));
        if (out.length >= MAX_SITES) return unique(out);
      }
    } finally {
      this.resolving.delete(key);
    }
    return unique(out);
  }

  /** Argument `index` of every `new` of the class (or of a subclass passing its arguments on) and of `super(…)` calls. */
  private argumentsFor(cls: ClassNode, index: number, hops: number): ts.Expression[] {
    if (hops > 3) return [];
    let byIndex = this.argumentCache.get(cls);
    if (!byIndex) this.argumentCache.set(cls, (byIndex = new Map<number, ts.Expression[]>()));
    const known = byIndex.get(index);
    if (known) return known;
    byIndex.set(index, []); // a cycle through subclasses finds nothing more
    const found = this.findArguments(cls, index, hops);
    byIndex.set(index, found);
    return found;
  }

  private findArguments(cls: ClassNode, index: number, hops: number): ts.Expression[] {
    const name = className(cls);
    const out: ts.Expression[] = [];
    for (const sf of this.packageFiles(cls)) {
      for (const n of sitesByName(sf).news.get(name) ?? []) {
        if (!n.arguments?.[index]) continue;
        const v = this.values.valueOf(unwrap(n.expression), 1);
        if (v?.kind === 'class' && v.node === cls) out.push(n.arguments[index]);
      }
      for (const sub of syntaxIndex(sf).classes) {
        if (sub === cls || this.values.baseClass(sub) !== cls) continue;
        const ctor = sub.members.find(ts.isConstructorDeclaration);
        if (!ctor) {
          out.push(...this.argumentsFor(sub, index, hops + 1));
          continue;
        }
        const call = superCall(ctor);
        const arg = call?.arguments[index];
        if (!arg) continue;
        // `super(exporter, config)` with the subclass's own parameter: follow it to the subclass's sites
        const p = ts.isIdentifier(unwrap(arg)) ? constructorParameter(unwrap(arg) as ts.Identifier) : undefined;
        out.push(...(p && p.ctor === ctor ? this.argumentsFor(sub, p.index, hops + 1) : [arg]));
      }
      if (out.length >= MAX_SITES) break;
    }
    return out;
  }

  /**
   * The files of the package a class or function is declared in that this package's analysis has
   * loaded (Workspace.packageUnits): never what happens to be held from earlier packages.
   */
  private packageFiles(node: ts.Node): ts.SourceFile[] {
    const unit = this.ws.unitOf(node);
    if (!unit) return [node.getSourceFile()];
    return this.ws.packageUnits(unit.pkgDir).map((u) => u.sf);
  }
}

function superCall(ctor: ts.ConstructorDeclaration): ts.CallExpression | undefined {
  for (const st of ctor.body?.statements ?? []) {
    if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression) && st.expression.expression.kind === ts.SyntaxKind.SuperKeyword) return st.expression;
  }
  return undefined;
}

function sameValue(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'instance') return a.cls === (b as typeof a).cls;
  if (a.kind === 'module') return a.file === (b as typeof a).file;
  if (a.kind === 'external') return a.module === (b as typeof a).module && a.path.join('.') === (b as typeof a).path.join('.');
  return a.node === (b as typeof a).node;
}

function unique(values: Value[]): Value[] {
  return values.filter((v, i) => values.findIndex((w) => sameValue(v, w)) === i);
}
