// "Does set-up code reach this function?" answered backwards and on demand: from a function holding an
// expensive operation, look for calls that name it (a syntax index, no resolution), resolve only those,
// and climb to their callers until a set-up root (module top level, constructor, init/patch/enable …)
// or nothing. A forward walk from every root would resolve every call of the package; this resolves a
// handful per finding. Used to tell `init` from `unknown`; per-call reachability stays a forward walk.
import { ts } from '../util/ts.cjs';
import { isCalledAtDefinition, runsWhereDefined, type CallGraph } from './call-graph.js';
import { calledName } from './function-name.js';
import { memberName, unwrap } from './module-ref.js';
import type { GraphNode } from './reach.js';
import { enclosingFunction, type FunctionNode } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';

type Call = ts.CallExpression | ts.NewExpression;

function calleeNames(call: Call): string[] {
  const names: string[] = [];
  const add = (e: ts.Expression): void => {
    const u = unwrap(e);
    const n = ts.isIdentifier(u) ? u.text : memberName(u);
    if (n) names.push(n);
    // fn.call/apply/bind: the function's own name
    if ((n === 'call' || n === 'apply' || n === 'bind') && ts.isPropertyAccessExpression(u)) add(u.expression);
  };
  add(call.expression);
  for (const a of call.arguments ?? []) add(a); // callbacks handed over by name
  return names;
}

export class SetupReach {
  private readonly memo = new Map<GraphNode, boolean>();
  private byName: Map<string, Call[]> | undefined;

  constructor(
    private readonly graph: CallGraph,
    private readonly indexes: SyntaxIndex[],
    private readonly roots: ReadonlySet<GraphNode>,
  ) {}

  private callsNamed(name: string): Call[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const idx of this.indexes) {
        for (const call of [...idx.calls, ...idx.news]) {
          for (const n of calleeNames(call)) {
            const list = this.byName.get(n);
            if (list) list.push(call);
            else this.byName.set(n, [call]);
          }
        }
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** True when module load or set-up code (transitively) calls or defines-and-runs `fn`. */
  reaches(fn: GraphNode): boolean {
    if (this.roots.has(fn) || ts.isSourceFile(fn)) return true;
    const known = this.memo.get(fn);
    if (known !== undefined) return known;
    this.memo.set(fn, false); // cycles: a function does not reach itself
    const result = this.search(fn);
    this.memo.set(fn, result);
    return result;
  }

  private search(fn: FunctionNode): boolean {
    // created inside a function that runs at set-up and handed to a call there (a callback): taken to
    // run then; a closure it stores (`this._onEnd = () => …`) or returns runs where it is called
    const parent = enclosingFunction(fn);
    if (parent ? runsWhereDefined(fn) && this.reaches(parent) : isCalledAtDefinition(fn)) return true;
    const name = calledName(fn);
    if (!name) return false;
    for (const call of this.callsNamed(name)) {
      if (!this.graph.callees(call).includes(fn)) continue;
      const caller = enclosingFunction(call) ?? call.getSourceFile();
      if (this.reaches(caller)) return true;
    }
    return false;
  }
}
