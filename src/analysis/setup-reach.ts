// "Does set-up code reach this function?" answered backwards and on demand: from a function holding an
// expensive operation, look for calls that name it (a syntax index, no resolution), resolve only those,
// and climb to their callers until a set-up root (module top level, constructor, init/patch/enable …)
// or nothing. A forward walk from every root would resolve every call of the package; this resolves a
// handful per finding. Used to tell `init` from `unknown`; per-call reachability stays a forward walk.
import { ts } from '../util/ts.cjs';
import { isCalledAtDefinition, runsWhereDefined, type CallGraph } from './call-graph.js';
import { nameOf, type CallSites } from './call-sites.js';
import type { GraphNode } from './reach.js';
import { enclosingFunction, type Runner } from './scope.js';

export class SetupReach {
  private readonly memo = new Map<GraphNode, boolean>();

  constructor(
    private readonly graph: CallGraph,
    private readonly sites: CallSites,
    private readonly roots: ReadonlySet<GraphNode>,
  ) {}

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

  private search(fn: Runner): boolean {
    // created inside a function that runs at set-up and handed to a call there (a callback): taken to
    // run then; a closure it stores (`this._onEnd = () => …`) or returns runs where it is called
    const parent = enclosingFunction(fn);
    if (parent ? (ts.isClassLike(fn) || runsWhereDefined(fn)) && this.reaches(parent) : !ts.isClassLike(fn) && isCalledAtDefinition(fn)) return true;
    const name = nameOf(fn);
    if (!name) return false;
    for (const call of this.sites.callsNamed(name)) {
      if (!this.graph.callees(call).includes(fn)) continue;
      const caller = enclosingFunction(call) ?? call.getSourceFile();
      if (this.reaches(caller)) return true;
    }
    return false;
  }
}
