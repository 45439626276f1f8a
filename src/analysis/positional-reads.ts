// How many arguments a hook's function reads by position. A wrapper with a rest parameter
// (`function incomingRequest(event, ...args) { const request = args[0]; const response = args[1]; … }`)
// or one that reads `arguments[2]` declares fewer parameters than it uses: a harness that calls it
// with as many arguments as it declares hands it `undefined` (or, in a callback call, the callback)
// where it expects an object, and the call fails on what a real call never lacks.
import { ts } from '../util/ts.cjs';
import { unwrap } from './expressions.js';
import { isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';

/** The position in the call of element `i` of `list`, when `list` is `fn`'s rest parameter or its `arguments`. */
function positionOf(list: ts.Expression, i: number, fn: FunctionNode): number | undefined {
  const u = unwrap(list);
  if (!ts.isIdentifier(u)) return undefined;
  const d = resolveIdentifier(u);
  if (d === undefined) return u.text === 'arguments' && ownsArguments(u, fn) ? i : undefined;
  if (!ts.isParameter(d) || d.dotDotDotToken === undefined || d.parent !== fn) return undefined;
  return fn.parameters.indexOf(d) + i;
}

/** `arguments` at `node` is `fn`'s own: no function in between but arrow functions (which have none). */
function ownsArguments(node: ts.Node, fn: FunctionNode): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) {
    if (n === fn) return !ts.isArrowFunction(fn);
    if (isFunctionLike(n) && !ts.isArrowFunction(n)) return false;
  }
  return false;
}

/**
 * The number of arguments `fn` reads by position through a rest parameter or `arguments` (`args[1]`,
 * `const [a, b] = args`): one past the highest such position, or 0 when it reads none that way.
 * Reads in arrow functions inside `fn` count (they see the same arguments); computed indices do not.
 */
export function argumentsReadBy(fn: FunctionNode): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isElementAccessExpression(node) && ts.isNumericLiteral(unwrap(node.argumentExpression))) {
      const at = positionOf(node.expression, Number((unwrap(node.argumentExpression) as ts.NumericLiteral).text), fn);
      if (at !== undefined) count = Math.max(count, at + 1);
    }
    if (ts.isVariableDeclaration(node) && ts.isArrayBindingPattern(node.name) && node.initializer !== undefined) {
      const elements = node.name.elements;
      // `const [event, ...rest] = arguments`: the rest element reads nothing by position
      let last = elements.length - 1;
      while (last >= 0 && (!ts.isBindingElement(elements[last]!) || (elements[last] as ts.BindingElement).dotDotDotToken !== undefined)) last--;
      const at = last < 0 ? undefined : positionOf(node.initializer, last, fn);
      if (at !== undefined) count = Math.max(count, at + 1);
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body !== undefined) visit(fn.body);
  return count;
}
