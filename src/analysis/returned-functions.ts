// Wrapper factories return the function that runs per call: `(original) => function patched() {…}`,
// a method `_getPatchedQuery()` that returns such a factory, a named inner function returned by
// name. This follows `return` (not into nested functions) through a bounded number of factory levels.
import { ts } from '../util/ts.cjs';
import { unwrap } from './module-ref.js';
import { isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';
import type { Values } from './values.js';

/** What following a returned call needs of the call graph (CallGraph gives it; no import, no cycle). */
export interface DirectCalls {
  direct(call: ts.CallExpression | ts.NewExpression): FunctionNode[];
}

function returnExpressions(fn: FunctionNode): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

/**
 * Functions that `fn` returns, following returned calls into other factories up to `depth` levels;
 * with `decorated`, also the function a returned helper call is handed (`return copyProps(patched, o)`).
 */
export function returnedFunctions(fn: FunctionNode, values: Values, graph: DirectCalls, depth = 3, decorated = true): FunctionNode[] {
  const out: FunctionNode[] = [];
  for (const r of returnExpressions(fn)) {
    let e = unwrap(r);
    // `const patched = this._getPatchHandler(original); …; return patched;`
    if (ts.isIdentifier(e)) {
      const d = resolveIdentifier(e);
      if (d && ts.isVariableDeclaration(d) && d.initializer && ts.isCallExpression(unwrap(d.initializer))) e = unwrap(d.initializer);
    }
    const v = values.valueOf(e);
    if (v?.kind === 'function') out.push(v.node);
    else if (depth > 0 && ts.isCallExpression(e)) {
      const before = out.length;
      for (const callee of graph.direct(e)) out.push(...returnedFunctions(callee, values, graph, depth - 1, decorated));
      // `return copyProperties(patched, original)` / `Object.assign(patched, original)`: a helper
      // that decorates the function it is given and hands it back
      if (out.length === before && decorated) {
        for (const arg of e.arguments) {
          const a = values.valueOf(arg);
          if (a?.kind === 'function') out.push(a.node);
        }
      }
    } else if (ts.isConditionalExpression(e)) {
      for (const branch of [e.whenTrue, e.whenFalse]) {
        const b = values.valueOf(branch);
        if (b?.kind === 'function') out.push(b.node);
      }
    }
  }
  return [...new Set(out)];
}

/**
 * The functions a wrapper factory argument produces: the factory may be inline, a variable, a bound
 * method, or a call that returns the factory (`this._getPatchedQuery()`).
 */
export function factoryProducts(factoryArg: ts.Expression, values: Values, graph: DirectCalls): { factories: FunctionNode[]; products: FunctionNode[] } {
  const e = unwrap(factoryArg);
  let factories: FunctionNode[] = [];
  const v = values.valueOf(e);
  if (v?.kind === 'function') factories = [v.node];
  else if (ts.isCallExpression(e)) factories = graph.direct(e).flatMap((m) => returnedFunctions(m, values, graph, 2));
  const products = factories.flatMap((f) => returnedFunctions(f, values, graph, 1));
  return { factories, products: [...new Set(products)] };
}
