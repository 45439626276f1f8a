// Does a hook's code start a span, and what stands in the way? The bench measures a hook by calling
// it with mocks; a mock that sends it down an early exit (`if (cmd.ismaster || cmd.hello) return
// original.call(…)`, `if (event !== 'request') return …`, no active parent span) measures the exit,
// not the instrumentation. This walks the call graph from the hook's functions to the first
// `startSpan` / `startActiveSpan` call and collects the conditions on the way, with what each reads
// in terms a harness can provide (an argument, the receiver, a parent span, the configuration).
//
// Only code that runs on the spot is followed: calls, callbacks handed to calls, getters, and inline
// callbacks (`.then(fn)`, `context.with(ctx, () => …)`). A function the hook merely returns or stores
// (a set-up API wrapping the handler it registers) runs later, on another call: not this hook's span.
import { ts } from '../util/ts.cjs';
import type { SpanNeed } from '../model/package-report.js';
import { isCalledAtDefinition, factsOf, type CallGraph } from './call-graph.js';
import { memberName, moduleRef, unwrap } from './module-ref.js';
import { pathTo, type GraphNode, type Reached } from './reach.js';
import { isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';
import { argumentsReadBy } from './positional-reads.js';

const SPAN_STARTS = new Set(['startSpan', 'startActiveSpan']);
/** Calls that read the active span: a condition on them needs a parent span. */
const ACTIVE_SPAN_READS = new Set(['getSpan', 'getActiveSpan', 'getSpanContext', 'isSpanContextValid', 'getValue']);
const MAX_TEXT = 160;
/** functions visited per hook at most: a hook's span start is a few calls away, never thousands */
const LIMIT = 4_000;

export interface RawSpanCondition {
  node: ts.Expression;
  mustBe: 'truthy' | 'falsy';
  /** where the way to the span start goes on past the condition: the branch it takes, or the statement after an early exit */
  onward: ts.Node;
  needs: SpanNeed[];
}

type Guard = Omit<RawSpanCondition, 'needs'>;

export interface RawSpanStart {
  call: ts.CallExpression;
  conditions: RawSpanCondition[];
  /** arguments the hook's own functions read by position (a rest parameter's elements, `arguments[i]`) */
  argumentsRead: number;
}

function spanStartIn(fn: GraphNode): ts.CallExpression | undefined {
  const calls = factsOf(fn).calls.filter((c): c is ts.CallExpression => ts.isCallExpression(c) && SPAN_STARTS.has(memberName(unwrap(c.expression)) ?? ''));
  return calls.sort((a, b) => a.getStart() - b.getStart())[0];
}

/**
 * Edges that run when the function runs: calls and their callbacks, getters, inline callbacks. Not the
 * closure a call makes and hands on (`route.handler = wrapHandler(route.handler)`, `args[i] =
 * patchMiddleware(fn)`, `original.call(this, patchHandler(h))`): it runs when its receiver calls it —
 * per request for a handler a set-up API registers — so a span it starts is not this hook's.
 */
function runsOnTheSpot(via: ts.Node, to: GraphNode, graph: CallGraph): boolean {
  if (ts.isCallExpression(via) || ts.isNewExpression(via)) return (graph.callees(via) as readonly GraphNode[]).includes(to);
  if (!isFunctionLike(via)) return true;
  return isFunctionLike(to) && isCalledAtDefinition(to);
}

function bfs(roots: readonly FunctionNode[], graph: CallGraph, follow: (n: GraphNode) => boolean): { reached: Map<GraphNode, Reached<null>>; found?: { fn: GraphNode; call: ts.CallExpression } } {
  const reached = new Map<GraphNode, Reached<null>>();
  const queue: GraphNode[] = [];
  for (const r of roots) {
    if (reached.has(r)) continue;
    reached.set(r, { root: null });
    queue.push(r);
  }
  for (let i = 0; i < queue.length && reached.size < LIMIT; i++) {
    const fn = queue[i]!;
    const call = spanStartIn(fn);
    if (call !== undefined) return { reached, found: { fn, call } };
    for (const e of graph.edges(fn)) {
      if (reached.has(e.to) || !runsOnTheSpot(e.via, e.to, graph) || !follow(e.to)) continue;
      reached.set(e.to, { root: null, from: fn, via: e.via });
      queue.push(e.to);
    }
  }
  return { reached };
}

const exits = (st: ts.Statement): boolean => {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  // `if (typeof options === 'function') return original.call(…, options); else return original.call(…);`
  if (ts.isIfStatement(st)) return st.elseStatement !== undefined && exits(st.thenStatement) && exits(st.elseStatement);
  if (ts.isBlock(st)) {
    const last = st.statements[st.statements.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
};

/**
 * The conditions between `node` and the top of `fn`, outermost first, each with the node where the way
 * on goes past it (block coverage of that position says whether a call went that way).
 */
function guardsOf(node: ts.Node, fn: GraphNode): Guard[] {
  const out: Guard[] = [];
  let child: ts.Node = node;
  for (let n = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (isFunctionLike(n)) break;
    if (ts.isIfStatement(n) && child !== n.expression) out.push({ node: n.expression, mustBe: child === n.thenStatement ? 'truthy' : 'falsy', onward: child });
    else if (ts.isConditionalExpression(n) && child !== n.condition) out.push({ node: n.condition, mustBe: child === n.whenTrue ? 'truthy' : 'falsy', onward: child });
    else if (ts.isBinaryExpression(n) && child === n.right) {
      if (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) out.push({ node: n.left, mustBe: 'truthy', onward: child });
      else if (n.operatorToken.kind === ts.SyntaxKind.BarBarToken) out.push({ node: n.left, mustBe: 'falsy', onward: child });
    }
    // early exits before the statement that leads on: `if (x) return original.apply(this, args);`
    if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      const statements = n.statements;
      const at = statements.indexOf(child as ts.Statement);
      const early: Guard[] = [];
      for (const [j, st] of statements.slice(0, Math.max(at, 0)).entries()) {
        // onward: the statement right after this exit (the next exit's, or the one that leads on)
        if (ts.isIfStatement(st) && st.elseStatement === undefined && exits(st.thenStatement)) early.push({ node: st.expression, mustBe: 'falsy', onward: statements[j + 1]! });
      }
      // inner statements come after the enclosing ones: collected in reverse, reversed at the end
      out.push(...early.reverse());
    }
  }
  return out.reverse();
}

/** One step of the chain: a function and the node in it that leads on (the next call, or the span start). */
interface Step {
  fn: GraphNode;
  at: ts.Node;
}

type Ref = { of: 'arg'; index: number; path: string[] } | { of: 'this' | 'config' | 'arguments'; path: string[] };

function literalOf(e: ts.Expression): { ok: true; value: string | number | boolean | null } | { ok: false } {
  const u = unwrap(e);
  if (ts.isStringLiteralLike(u)) return { ok: true, value: u.text };
  if (ts.isNumericLiteral(u)) return { ok: true, value: Number(u.text) };
  if (u.kind === ts.SyntaxKind.TrueKeyword) return { ok: true, value: true };
  if (u.kind === ts.SyntaxKind.FalseKeyword) return { ok: true, value: false };
  if (u.kind === ts.SyntaxKind.NullKeyword) return { ok: true, value: null };
  return { ok: false };
}

const CONFIG_NAMES = new Set(['_config', 'config', 'getConfig', '_getConfig']);

class NeedReader {
  constructor(private readonly steps: readonly Step[]) {}

  /** What an expression in step `k` refers to, in terms of the hooked call, or null. */
  ref(expr: ts.Expression, k: number, depth = 0): Ref | null {
    if (depth > 6 || k < 0) return null;
    const e = unwrap(expr);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const name = memberName(e) ?? (ts.isElementAccessExpression(e) && ts.isNumericLiteral(e.argumentExpression) ? e.argumentExpression.text : undefined);
      if (name === undefined) return null;
      if (CONFIG_NAMES.has(name)) return { of: 'config', path: [] };
      // `arguments.length !== 1`: how many arguments the hooked call itself was given
      if (name === 'length' && k === 0 && ts.isPropertyAccessExpression(e) && isOwnArguments(e.expression, this.steps[0]!.fn)) return { of: 'arguments', path: ['length'] };
      // `arguments[1]`, `args[1]` of a rest parameter: the argument itself
      if (ts.isElementAccessExpression(e) && ts.isNumericLiteral(e.argumentExpression)) {
        const base = unwrap(e.expression);
        if (ts.isIdentifier(base) && base.text === 'arguments') return this.argOf(Number(name), [], k);
        if (ts.isIdentifier(base)) {
          const d = resolveIdentifier(base);
          if (d && ts.isParameter(d) && d.dotDotDotToken !== undefined) return this.paramRef(d, k, Number(name));
        }
      }
      const inner = this.ref(e.expression, k, depth + 1);
      return inner === null ? null : { ...inner, path: [...inner.path, name] };
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression)) && CONFIG_NAMES.has(memberName(unwrap(e.expression)) ?? '')) return { of: 'config', path: [] };
    if (e.kind === ts.SyntaxKind.ThisKeyword) return k === 0 ? { of: 'this', path: [] } : null;
    if (!ts.isIdentifier(e)) return null;
    const d = resolveIdentifier(e);
    if (d === undefined) return null;
    if (ts.isParameter(d)) return this.paramRef(d, k);
    // a local alias: `const cmd = args[1]`, `const config = this.getConfig()`
    if (ts.isVariableDeclaration(d) && d.initializer !== undefined && ts.isIdentifier(d.name)) return this.aliasRef(d.initializer, k, depth + 1);
    if (ts.isBindingElement(d)) return this.bindingRef(d, k, depth);
    return null;
  }

  /**
   * What a local alias stands for. `const handler = typeof options === 'function' ? options : callback`:
   * either side may be it; the first that names something the call controls is taken (a drive that
   * gives it is checked by running it).
   */
  private aliasRef(init: ts.Expression, k: number, depth: number): Ref | null {
    const u = unwrap(init);
    if (!ts.isConditionalExpression(u)) return this.ref(u, k, depth);
    return this.ref(u.whenTrue, k, depth) ?? this.ref(u.whenFalse, k, depth);
  }

  /** `const [ns, cmd] = args`, `const { sql } = options`, `function f({ sql })`: the element's place in what is destructured. */
  private bindingRef(d: ts.BindingElement, k: number, depth: number): Ref | null {
    const pattern = d.parent;
    const holder = pattern.parent;
    let key: string | undefined;
    if (ts.isArrayBindingPattern(pattern)) key = String(pattern.elements.indexOf(d));
    else if (d.propertyName !== undefined) key = ts.isIdentifier(d.propertyName) || ts.isStringLiteral(d.propertyName) ? d.propertyName.text : undefined;
    else if (ts.isIdentifier(d.name)) key = d.name.text;
    if (key === undefined || d.dotDotDotToken !== undefined) return null;
    // destructuring the arguments themselves (a rest parameter, `arguments`): the element is an argument
    const source = ts.isVariableDeclaration(holder) ? holder.initializer : undefined;
    if (ts.isArrayBindingPattern(pattern) && source !== undefined) {
      const u = unwrap(source);
      if (ts.isIdentifier(u) && u.text === 'arguments' && resolveIdentifier(u) === undefined) return this.argOf(Number(key), [], k);
      const rest = ts.isIdentifier(u) ? resolveIdentifier(u) : undefined;
      if (rest !== undefined && ts.isParameter(rest) && rest.dotDotDotToken !== undefined) return this.paramRef(rest, k, Number(key));
    }
    const base = ts.isParameter(holder) ? this.paramRef(holder, k) : source !== undefined ? this.ref(source, k, depth + 1) : null;
    return base === null ? null : { ...base, path: [...base.path, key] };
  }

  private paramRef(p: ts.ParameterDeclaration, k: number, restIndex?: number): Ref | null {
    const fn = p.parent;
    if (!isFunctionLike(fn) || fn !== this.steps[k]?.fn || !ts.isIdentifier(p.name)) return null;
    const index = fn.parameters.indexOf(p) + (restIndex ?? 0);
    if (p.dotDotDotToken !== undefined && restIndex === undefined) return null;
    return this.argOf(index, [], k);
  }

  /** Argument `index` of step k's function: the hooked call's own at step 0, else what the caller passed. */
  private argOf(index: number, path: string[], k: number): Ref | null {
    if (k === 0) return { of: 'arg', index, path };
    const via = this.steps[k - 1]!.at;
    if (!ts.isCallExpression(via) && !ts.isNewExpression(via)) return null;
    const callee = ts.isCallExpression(via) ? unwrap(via.expression) : undefined;
    const method = callee !== undefined ? memberName(callee) : undefined;
    const args = via.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    // fn.apply(this, arguments): the same arguments; fn.call(this, a, b): shifted by one
    if (method === 'apply') {
      const list = args[1] === undefined ? undefined : unwrap(args[1]);
      return list !== undefined && ts.isIdentifier(list) && (list.text === 'arguments' || isRest(list)) ? this.argOf(index, path, k - 1) : null;
    }
    const arg = args[method === 'call' ? index + 1 : index];
    if (arg === undefined) return null;
    const r = this.ref(arg, k - 1);
    return r === null ? null : { ...r, path: [...r.path, ...path] };
  }

  /** The facts a condition holds the call to, as far as they are expressible; [] when none are. */
  needs(expr: ts.Expression, mustBe: 'truthy' | 'falsy', k: number, depth = 0): SpanNeed[] {
    if (depth > 8) return [];
    const e = unwrap(expr);
    const flip = mustBe === 'truthy' ? 'falsy' : 'truthy';
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return this.needs(e.operand, flip, k, depth + 1);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken)
        return mustBe === 'truthy' ? [...this.needs(e.left, 'truthy', k, depth + 1), ...this.needs(e.right, 'truthy', k, depth + 1)] : this.needs(e.left, 'falsy', k, depth + 1);
      if (op === ts.SyntaxKind.BarBarToken)
        return mustBe === 'falsy' ? [...this.needs(e.left, 'falsy', k, depth + 1), ...this.needs(e.right, 'falsy', k, depth + 1)] : this.needs(e.left, 'truthy', k, depth + 1);
      // `req instanceof EventEmitter`: an instance of a class a module exports (a mock can inherit from it)
      if (op === ts.SyntaxKind.InstanceOfKeyword) {
        if (mustBe !== 'truthy') return [];
        const cls = moduleRef(e.right);
        const r = this.ref(e.left, k);
        return cls === undefined || r === null ? [] : [{ ...needOf(r), is: 'instance', value: [cls.module, ...cls.path].join('#') }];
      }
      const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const inequality = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (!equality && !inequality) return [];
      const wantEqual = (equality && mustBe === 'truthy') || (inequality && mustBe === 'falsy');
      // a mock is already unequal to any literal but undefined: only the equal case asks for something
      if (!wantEqual) return [];
      for (const [side, other] of [
        [e.left, e.right],
        [e.right, e.left],
      ] as const) {
        const lit = literalOf(other);
        const s = unwrap(side);
        if (ts.isTypeOfExpression(s) && lit.ok && typeof lit.value === 'string') {
          const r = this.ref(s.expression, k);
          if (r !== null) return [{ ...needOf(r), is: 'type', value: lit.value }];
        }
        if (!lit.ok) continue;
        const r = this.ref(side, k);
        if (r !== null) return [{ ...needOf(r), is: 'equal', value: lit.value }];
      }
      return [];
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
      if (name !== undefined && ACTIVE_SPAN_READS.has(name)) return mustBe === 'truthy' ? [{ of: 'parent-span', path: [], is: 'truthy' }] : [];
      if (name === 'isArray' && e.arguments[0] !== undefined && mustBe === 'truthy') {
        const r = this.ref(e.arguments[0], k);
        return r === null ? [] : [{ ...needOf(r), is: 'type', value: 'array' }];
      }
      return [];
    }
    if (ts.isIdentifier(e)) {
      // `const parent = trace.getSpan(context.active()); if (!parent) return …`
      const d = resolveIdentifier(e);
      if (d && ts.isVariableDeclaration(d) && d.initializer !== undefined && ts.isCallExpression(unwrap(d.initializer))) return this.needs(d.initializer, mustBe, k, depth + 1);
    }
    const r = this.ref(e, k);
    return r === null ? [] : [{ ...needOf(r), is: mustBe }];
  }
}

function needOf(r: Ref): Omit<SpanNeed, 'is'> {
  return r.of === 'arg' ? { of: 'arg', index: r.index, path: r.path } : { of: r.of, path: r.path };
}

/** `arguments` read in `fn` itself (or an arrow inside it, which has none of its own). */
function isOwnArguments(expr: ts.Expression, fn: GraphNode): boolean {
  const u = unwrap(expr);
  if (!ts.isIdentifier(u) || u.text !== 'arguments' || resolveIdentifier(u) !== undefined) return false;
  for (let n = u.parent; n !== undefined; n = n.parent) {
    if (n === fn) return !ts.isArrowFunction(n);
    if (isFunctionLike(n) && !ts.isArrowFunction(n)) return false;
  }
  return false;
}

function isRest(id: ts.Identifier): boolean {
  const d = resolveIdentifier(id);
  return d !== undefined && ts.isParameter(d) && d.dotDotDotToken !== undefined;
}

/** The source text of a condition, whitespace collapsed and cut short. */
export function conditionText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ').trim();
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/**
 * The first span start the hook's functions reach (shortest path) and the conditions on the way, or
 * null when none is reached. `follow` decides which functions may be entered (other packages' code).
 */
export function spanStartOf(fns: readonly FunctionNode[], graph: CallGraph, follow: (n: GraphNode) => boolean): RawSpanStart | null {
  if (fns.length === 0) return null;
  const { reached, found } = bfs(fns, graph, follow);
  if (found === undefined) return null;
  const chain = pathTo(reached, found.fn);
  // pathTo: each step's `via` is the node in it that leads to the next step; the last one holds the span start
  const steps: Step[] = chain.map((c, i) => ({ fn: c.fn, at: i + 1 < chain.length && c.via !== undefined ? c.via : found.call }));
  const reader = new NeedReader(steps);
  const conditions: RawSpanCondition[] = [];
  steps.forEach((s, k) => {
    for (const g of guardsOf(s.at, s.fn)) conditions.push({ ...g, needs: reader.needs(g.node, g.mustBe, k) });
  });
  return { call: found.call, conditions, argumentsRead: Math.max(0, ...fns.map(argumentsReadBy)) };
}
