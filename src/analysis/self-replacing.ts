// Lazy self-replacement: a function held in a mutable binding that, when called, puts another
// function in that binding (`let impl = (...a) => { impl = build(); return impl(...a) }`, or a
// function declaration assigning its own name). The first call through the binding runs it; every
// later call reaches the replacement. What it runs is set-up done on first use, not per call.
import { ts } from '../util/ts.cjs';
import { unwrap } from './module-ref.js';
import { resolveIdentifier, type FunctionNode } from './scope.js';
import { fills, type CalleesOf } from './slots.js';

/** `call` goes through a binding whose first value is `callee`, and `callee` (or what it calls) replaces that binding. */
export function callsSelfReplacing(call: ts.CallExpression, callee: FunctionNode, callees: CalleesOf): boolean {
  const name = unwrap(call.expression);
  if (!ts.isIdentifier(name) || callee.body === undefined) return false;
  const d = resolveIdentifier(name);
  if (d === undefined) return false;
  let first: ts.Node | undefined;
  if (ts.isFunctionDeclaration(d)) first = d;
  else if (ts.isVariableDeclaration(d) && d.initializer !== undefined && (d.parent.flags & ts.NodeFlags.Const) === 0) first = unwrap(d.initializer);
  return first === callee && fills(callee.body, name, callees);
}
