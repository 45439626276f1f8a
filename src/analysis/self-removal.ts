// A listener that removes itself in a branch (`if (req.url === RUN_URL) { ch.unsubscribe(onRequest);
// … }`, `emitter.off('x', handler)`, `emitter.removeListener('x', handler)`): the branch runs at most
// once, on the first event that takes it; later events never reach it because the listener is gone.
// What the branch runs is `once`, however often the event fires.
import { ts } from '../util/ts.cjs';
import { memberName, unwrap } from './module-ref.js';
import { isFunctionLike, resolveIdentifier, type Runner } from './scope.js';

const REMOVERS = new Set(['unsubscribe', 'removeListener', 'off', 'removeEventListener']);

/** Does `expr` name the function `fn` (its declaration, or the variable or field it is stored in)? */
function namesFunction(expr: ts.Expression, fn: Runner): boolean {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return false;
  const d = resolveIdentifier(e);
  if (d === fn) return true;
  return d !== undefined && ts.isVariableDeclaration(d) && d.initializer !== undefined && unwrap(d.initializer) === fn;
}

/** A call in `block` (not in a nested function) that removes `fn` as a listener. */
function removesItself(block: ts.Node, fn: Runner): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== block && isFunctionLike(n))) return;
    if (ts.isCallExpression(n)) {
      const name = memberName(unwrap(n.expression));
      if (name !== undefined && REMOVERS.has(name) && n.arguments.some((a) => namesFunction(a, fn))) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(block);
  return found;
}

/** `node` sits in a branch of `fn` that removes `fn` itself as a listener: it runs once at most. */
export function inSelfRemovingBranch(node: ts.Node, fn: Runner | undefined): boolean {
  if (!fn || ts.isClassLike(fn)) return false;
  let child: ts.Node = node;
  for (let n = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (ts.isIfStatement(n) && child !== n.expression && removesItself(child, fn)) return true;
  }
  return false;
}
