// How a step of a path from a hook changes how often what follows runs: a call behind a once-guard
// (once), in a catch block or error callback (error path), in a branch correct callers never take
// (dead), or none of these (normal). The same rules apply to an operation inside its own function.
// Memoised per edge: each is judged once per scan, however many hooks reach it.
import { ts } from '../util/ts.cjs';
import { wrappedMember } from '../model/hook-frequency.js';
import type { CallGraph, Edge } from './call-graph.js';
import { deadBranchReason, takesNever } from './dead-branch.js';
import { calledName, className } from './function-name.js';
import { isErrorCallback, isErrorPath, onceGuard, type CallersOf } from './guards.js';
import type { CallSites } from './call-sites.js';
import { memberName, unwrap } from './module-ref.js';
import { DEAD, ERROR, madeAtLevel, NORMAL, ONCE, type EdgeLevel, type LevelReached, type LevelRules } from './per-call-reach.js';
import type { GraphNode } from './reach.js';
import { callTakingFunction, enclosingFunction, type FunctionNode, type Runner } from './scope.js';
import { inSelfRemovingBranch } from './self-removal.js';
import { callsSelfReplacing } from './self-replacing.js';
import { instanceOwner } from './slots.js';
import type { SyntaxIndex } from './syntax-index.js';
import type { Values } from './values.js';

/** Events that fire once in a process's life: a listener for them is not per call. */
const PROCESS_EVENTS = /^(exit|beforeExit|SIG[A-Z]+|uncaughtException|unhandledRejection|warning|disconnect)$/;

/**
 * `emitter.on(event, handler)`, `addListener`, `prependListener`: the handler runs per event. `once`
 * registrations and listeners on `process` are left out.
 */
function isListenerRegistration(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const name = memberName(callee);
  if (name !== 'on' && name !== 'addListener' && name !== 'prependListener') return false;
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return false;
  const receiver = unwrap(callee.expression);
  if (ts.isIdentifier(receiver) && receiver.text === 'process') return false;
  const event = call.arguments[0];
  return event !== undefined && !(ts.isStringLiteralLike(event) && PROCESS_EVENTS.test(event.text));
}

/** `p.catch(handler)`, `p.then(ok, handler)`, `emitter.on('error', handler)`: `handler` only runs on failure. */
function isErrorHandlerArgument(call: ts.CallExpression | ts.NewExpression, isTarget: (arg: ts.Expression) => boolean): boolean {
  if (!ts.isCallExpression(call)) return false;
  const name = memberName(unwrap(call.expression));
  const args = call.arguments;
  if (name === 'catch') return args.some(isTarget);
  if (name === 'then') return args[1] !== undefined && isTarget(args[1]) && !(args[0] !== undefined && isTarget(args[0]));
  const first = args[0];
  return (name === 'on' || name === 'once') && first !== undefined && ts.isStringLiteral(first) && first.text === 'error' && args.slice(1).some(isTarget);
}

/** The function itself; a class (standing for its field initialisers) has no parameters or branches of its own. */
function asFunction(fn: Runner | undefined): FunctionNode | undefined {
  return fn && !ts.isClassLike(fn) ? fn : undefined;
}

/**
 * `log.error(…)`, `logger.fatal(…)`: a logger's failure levels report that something failed, so what
 * runs inside them (formatting, an Error built for its stack) is the error path, like a catch block.
 */
function reportsFailure(call: ts.CallExpression | ts.NewExpression): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  return FAILURE_LEVELS.has(callee.name.text);
}

const FAILURE_LEVELS = new Set(['error', 'fatal']);

/**
 * A hook on a failure report itself (`console.error = function …`, a wrap of `Logger.prototype.fatal`,
 * a subscriber of `apm:pg:query:error`) runs only when something reports a failure: what it runs is the
 * error path, from its first line, as for the calls `reportsFailure` names.
 */
export function hooksFailureReport(target: string): boolean {
  return FAILURE_LEVELS.has(wrappedMember(target));
}

export class FrequencyRules implements LevelRules {
  private readonly edgeMemo = new WeakMap<Edge, EdgeLevel>();
  private readonly makers = new Map<ts.Node, GraphNode[]>();

  constructor(
    private readonly values: Values,
    private readonly graph: CallGraph,
    private readonly indexes: readonly SyntaxIndex[],
    readonly follow: (to: GraphNode) => boolean,
    private readonly callSites?: CallSites,
  ) {}

  private readonly callerMemo = new Map<FunctionNode, ReadonlyArray<readonly ts.Expression[]> | undefined>();

  /**
   * What every call of `fn` in the package passes it, argument by argument; undefined when the package
   * never calls it or also hands it on as a value (then anyone may call it with anything).
   */
  private readonly provenance: CallersOf = {
    callers: (fn) => this.callersOf(fn),
    callees: (call) => this.graph.direct(call),
    survivingParameters: new WeakMap(),
    propertyWrites: (name) => this.propertyWrites(name),
    survivingProperties: new Map(),
  };

  /** `x.name = v` in the package: the values; undefined when an object literal also names it (`{ name: v }`) or a compound write does. */
  private propertyWrites(name: string): ts.Expression[] | undefined {
    const out: ts.Expression[] = [];
    for (const idx of this.indexes) {
      for (const a of idx.propertyAssignments) if (memberName(unwrap(a.left)) === name) out.push(a.right);
      const sf = idx.calls[0]?.getSourceFile() ?? idx.news[0]?.getSourceFile();
      if (!sf || !sf.text.includes(name)) continue;
      let other = false;
      const visit = (n: ts.Node): void => {
        if (other) return;
        if ((ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n) || ts.isPropertyDeclaration(n)) && n.name.getText() === name) other = true;
        else if (
          ts.isBinaryExpression(n) &&
          n.operatorToken.kind !== ts.SyntaxKind.EqualsToken &&
          n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
          memberName(unwrap(n.left)) === name
        )
          other = true;
        else ts.forEachChild(n, visit);
      };
      visit(sf);
      if (other) return undefined;
    }
    return out;
  }

  private callersOf(fn: FunctionNode): ReadonlyArray<readonly ts.Expression[]> | undefined {
    if (!this.callSites) return undefined;
    if (this.callerMemo.has(fn)) return this.callerMemo.get(fn);
    const calls = this.callSites.of(fn);
    const name = calledName(fn);
    let out: Array<readonly ts.Expression[]> | undefined = calls.length > 0 && name ? calls.map((c) => c.arguments ?? []) : undefined;
    if (out && name) {
      for (const c of this.callSites.callsNamed(name)) if ((c.arguments ?? []).some((a) => this.functionOf(a) === fn)) out = undefined;
    }
    this.callerMemo.set(fn, out);
    return out;
  }

  private functionOf(expr: ts.Expression): FunctionNode | undefined {
    const v = this.values.valueOf(expr);
    return v?.kind === 'function' ? v.node : undefined;
  }

  /** The level `node` adds inside `fn`: error path, dead branch, once-guard (per instance or for good). */
  private nodeLevel(node: ts.Node, fn: Runner | undefined): EdgeLevel {
    let level = NORMAL;
    if (isErrorPath(node, fn)) level = ERROR;
    if (deadBranchReason(node, asFunction(fn)) !== undefined) level = DEAD;
    // a listener's branch that removes the listener itself runs on one event at most
    if (inSelfRemovingBranch(node, fn)) return { level: ONCE };
    const slot = onceGuard(node, fn, (call) => this.graph.direct(call), this.provenance);
    if (!slot) return { level };
    const owner = instanceOwner(slot);
    return owner ? { level: ONCE, perInstance: { owner, level } } : { level: ONCE };
  }

  edgeLevel(from: GraphNode, edge: Edge): EdgeLevel {
    const known = this.edgeMemo.get(edge);
    if (known) return known;
    const fn = ts.isSourceFile(from) ? undefined : from;
    const base = this.nodeLevel(edge.via, fn);
    let extra = NORMAL;
    if (edge.via === edge.to) {
      if (isErrorCallback(edge.to)) extra = ERROR;
    } else if (ts.isCallExpression(edge.via) || ts.isNewExpression(edge.via)) {
      if (!ts.isClassLike(edge.to) && takesNever(edge.to)) extra = DEAD;
      else if (isErrorHandlerArgument(edge.via, (a) => this.functionOf(a) === edge.to)) extra = ERROR;
      else if (reportsFailure(edge.via)) extra = ERROR;
      // a function that replaces the binding it is called through runs on the first call only
      if (ts.isCallExpression(edge.via) && !ts.isClassLike(edge.to) && callsSelfReplacing(edge.via, edge.to, (call) => this.graph.direct(call))) extra = ONCE;
    }
    const level: EdgeLevel = { level: Math.max(base.level, extra), ...(base.perInstance ? { perInstance: { owner: base.perInstance.owner, level: Math.max(base.perInstance.level, extra) } } : {}) };
    // a listener runs per event: registered under a set-up hook, it is per call (see per-call-reach.ts)
    const registration = edge.via === edge.to ? callTakingFunction(edge.to) : ts.isCallExpression(edge.via) && !this.graph.direct(edge.via).some((f) => f === edge.to) ? edge.via : undefined;
    if (registration && isListenerRegistration(registration)) level.listener = true;
    this.edgeMemo.set(edge, level);
    return level;
  }

  /** Functions and module top levels that make instances of `owner` (`new Owner()`, also of a subclass). */
  makersOf(owner: ts.Node): GraphNode[] {
    const known = this.makers.get(owner);
    if (known) return known;
    let target: ts.Node | undefined = owner;
    if (ts.isVariableDeclaration(owner)) {
      const v = owner.initializer && this.values.valueOf(owner.initializer);
      target = v && (v.kind === 'class' || v.kind === 'function') ? v.node : undefined;
    }
    // names first: only a `new` of the owner or of a subclass declared here is resolved (resolving
    // every `new` of the package would parse files for nothing)
    const names = this.namesOf(owner);
    const out: GraphNode[] = [];
    for (const idx of this.indexes) {
      for (const n of idx.news) {
        const callee = unwrap(n.expression);
        const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
        if (name === undefined || !names.has(name)) continue;
        const v = this.values.valueOf(n.expression);
        let match = v?.kind === 'function' && v.node === target;
        for (let c = v?.kind === 'class' ? v.node : undefined, hops = 0; c && !match && hops < 8; c = this.values.baseClass(c), hops++) match = c === target;
        if (match) out.push(enclosingFunction(n) ?? n.getSourceFile());
      }
    }
    this.makers.set(owner, out);
    return out;
  }

  /** The owner's name and the names of the package's classes that extend it, as written. */
  private namesOf(owner: ts.Node): Set<string> {
    const names = new Set<string>();
    const own = ts.isClassLike(owner) ? className(owner) : (owner as ts.NamedDeclaration).name;
    if (typeof own === 'string') names.add(own);
    else if (own && ts.isIdentifier(own)) names.add(own.text);
    const classes = this.indexes.flatMap((idx) => idx.classes);
    for (let grew = true; grew;) {
      grew = false;
      for (const cls of classes) {
        const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        if (!ext) continue;
        const base = unwrap(ext);
        const baseName = ts.isIdentifier(base) ? base.text : memberName(base);
        const name = className(cls);
        if (baseName !== undefined && names.has(baseName) && !names.has(name)) {
          names.add(name);
          grew = true;
        }
      }
    }
    return names;
  }

  /** The level of an operation at `node` in `fn`, a function reached at `fnLevel`. */
  levelAt(node: ts.Node, fn: Runner, fnLevel: number, reached: Map<GraphNode, LevelReached<unknown>>): number {
    const l = this.nodeLevel(node, fn);
    if (l.perInstance) {
      // a cache on an instance made per call refills per call
      const made = madeAtLevel(reached, this.makersOf(l.perInstance.owner));
      if (made !== undefined && made < ONCE) return Math.max(fnLevel, made, l.perInstance.level);
    }
    return Math.max(fnLevel, l.level);
  }

  /** Why an operation at the dead level is there: its own branch, or the first dead step on its path. */
  deadReason(node: ts.Node, fn: Runner, chain: Array<{ fn: GraphNode; via?: ts.Node }>): string {
    const own = deadBranchReason(node, asFunction(fn));
    if (own) return own;
    for (let i = 0; i < chain.length - 1; i++) {
      const { fn: step, via } = chain[i]!;
      if (!via) continue;
      const reason = deadBranchReason(via, ts.isSourceFile(step) ? undefined : asFunction(step));
      if (reason) return reason;
      const next = chain[i + 1]!.fn;
      if (!ts.isSourceFile(next) && !ts.isClassLike(next) && takesNever(next)) return 'a call of a helper whose parameter is typed never (assertUnreachable)';
    }
    return 'reached only through a branch correct callers never take';
  }
}
