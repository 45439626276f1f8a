// Breadth-first reachability over the call graph, remembering for each function how it was first
// reached, so that every finding can show the shortest call path that proves it runs.
import type { ts } from '../util/ts.cjs';
import type { CallGraph } from './call-graph.js';
import type { Runner } from './scope.js';

/** A function, a class standing for its instance field initialisers, or a module's top level. */
export type GraphNode = Runner | ts.SourceFile;

export interface Reached<R> {
  /** the root this node was first reached from */
  root: R;
  /** predecessor and the call/definition that led here; undefined for roots */
  from?: GraphNode;
  via?: ts.Node;
}

/**
 * BFS from `roots`; pass `into` to extend an earlier result with more roots without re-walking it, and
 * `lexical` to follow every function defined inside as well (CallGraph.lexicalEdges).
 */
export function reach<R>(
  roots: ReadonlyArray<{ node: GraphNode; root: R }>,
  graph: CallGraph,
  follow: (to: GraphNode) => boolean = () => true,
  limit = 200_000,
  into?: Map<GraphNode, Reached<R>>,
  lexical = false,
): Map<GraphNode, Reached<R>> {
  const seen = into ?? new Map<GraphNode, Reached<R>>();
  const queue: GraphNode[] = [];
  for (const r of roots) {
    if (seen.has(r.node)) continue;
    seen.set(r.node, { root: r.root });
    queue.push(r.node);
  }
  for (let i = 0; i < queue.length && seen.size < limit; i++) {
    const fn = queue[i]!;
    const root = seen.get(fn)!.root;
    for (const e of lexical ? graph.lexicalEdges(fn) : graph.edges(fn)) {
      if (seen.has(e.to) || !follow(e.to)) continue;
      seen.set(e.to, { root, from: fn, via: e.via });
      queue.push(e.to);
    }
  }
  return seen;
}

/** The chain root → … → node, as (function, node that leads on) pairs. */
export function pathTo<R>(reached: Map<GraphNode, Reached<R>>, node: GraphNode): Array<{ fn: GraphNode; via?: ts.Node }> {
  const chain: Array<{ fn: GraphNode; via?: ts.Node }> = [];
  let cur: GraphNode | undefined = node;
  let via: ts.Node | undefined;
  for (let guard = 0; cur && guard < 1000; guard++) {
    chain.push({ fn: cur, via });
    const r = reached.get(cur);
    via = r?.via;
    cur = r?.from;
  }
  return chain.reverse();
}
