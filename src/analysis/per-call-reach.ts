// Reachability from the hooks with a level per function: how the cheapest path from a hook reaches it.
// A path is as good as its worst step: a call behind a once-guard makes everything under it `once`, a
// call from a catch block makes it `error`, a call in a branch correct callers never take makes it
// `dead`; a function reached only from a set-up hook is `set-up`. A function reached several ways takes
// the best (per call wins over set-up, a normal path over an error path). Levels only grow along a
// path, so processing them in increasing order (a bucketed breadth-first search) finds each
// function's best level and the path that proves it.
import type { ts } from '../util/ts.cjs';
import type { CallGraph, Edge } from './call-graph.js';
import type { GraphNode, Reached } from './reach.js';

export const NORMAL = 0;
export const ERROR = 1;
export const DEAD = 2;
export const ONCE = 3;
export const SET_UP = 4;
const LEVELS = 5;

export interface LevelReached<R> extends Reached<R> {
  level: number;
}

export interface EdgeLevel {
  level: number;
  /**
   * A listener (`runner.on('test', fn)`): registered under a set-up hook it still runs per event, so
   * it starts again at `level` there. Elsewhere the usual rule holds: a listener registered in
   * memoised set-up (`stream.on('end', …)` while a client is made once) runs with it.
   */
  listener?: boolean;
  /**
   * Set when the once-guard is a cache on an instance (`this._client`): the class (or constructor) it
   * belongs to, and the level the edge has when those instances are made per call.
   */
  perInstance?: { owner: ts.Node; level: number };
}

export interface LevelRules {
  edgeLevel(from: GraphNode, edge: Edge): EdgeLevel;
  /** functions (or module top levels) that make instances of a class or constructor */
  makersOf(owner: ts.Node): GraphNode[];
  follow(to: GraphNode): boolean;
}

/** The best level at which instances of `owner` are made, per `reached`. */
export function madeAtLevel<R>(reached: Map<GraphNode, LevelReached<R>>, makers: GraphNode[]): number | undefined {
  let best: number | undefined;
  for (const m of makers) {
    const r = reached.get(m);
    if (r && (best === undefined || r.level < best)) best = r.level;
  }
  return best;
}

/**
 * Pass `into` to extend an earlier result with more roots: what it holds keeps its root and level
 * unless the new roots reach it at a better level.
 */
export function reachLevels<R>(
  roots: ReadonlyArray<{ node: GraphNode; root: R; level: number }>,
  graph: CallGraph,
  rules: LevelRules,
  limit = 200_000,
  into?: Map<GraphNode, LevelReached<R>>,
): Map<GraphNode, LevelReached<R>> {
  const seen = into ?? new Map<GraphNode, LevelReached<R>>();
  const buckets: GraphNode[][] = Array.from({ length: LEVELS }, () => []);
  const offer = (node: GraphNode, entry: LevelReached<R>): boolean => {
    const known = seen.get(node);
    if (known && known.level <= entry.level) return false;
    if (!known && seen.size >= limit) return false;
    seen.set(node, entry);
    buckets[entry.level]!.push(node);
    return true;
  };
  for (const r of roots) offer(r.node, { root: r.root, level: r.level });
  const deferred: Array<{ from: GraphNode; edge: Edge; perInstance: NonNullable<EdgeLevel['perInstance']> }> = [];
  const deferredEdges = new Set<Edge>();
  // instance caches can only be judged once the makers of the instances have their level: judge them
  // after each pass, and pass again from what improved (a handful of rounds at most: levels only drop)
  for (let round = 0; round < 2 * LEVELS; round++) {
    for (let level = 0; level < LEVELS; level++) {
      const bucket = buckets[level]!;
      for (let i = 0; i < bucket.length; i++) {
        const fn = bucket[i]!;
        const r = seen.get(fn)!;
        if (r.level !== level) continue; // reached better since it was queued
        for (const edge of graph.edges(fn)) {
          if (!rules.follow(edge.to)) continue;
          const e = rules.edgeLevel(fn, edge);
          if (e.perInstance && !deferredEdges.has(edge)) {
            deferredEdges.add(edge);
            deferred.push({ from: fn, edge, perInstance: e.perInstance });
          }
          offer(edge.to, { root: r.root, from: fn, via: edge.via, level: e.listener && level === SET_UP ? e.level : Math.max(level, e.level) });
        }
      }
      buckets[level] = [];
    }
    // a listener under a set-up hook can lower a level below the bucket being processed: pass again
    let improved = buckets.some((b) => b.length > 0);
    for (const d of deferred) {
      const made = madeAtLevel(seen, rules.makersOf(d.perInstance.owner));
      if (made === undefined || made >= ONCE) continue;
      const from = seen.get(d.from)!;
      const level = Math.max(from.level, made, d.perInstance.level);
      if (offer(d.edge.to, { root: from.root, from: d.from, via: d.edge.via, level })) improved = true;
    }
    if (!improved) break;
  }
  return seen;
}
