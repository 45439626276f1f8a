// Which class `this` denotes at a node, on the bare syntax: the values, the fields a class assigns
// and the once-guards' slots all need it.
import { ts } from '../util/ts.cjs';
import type { ClassNode } from './value.js';

export type { ClassNode };

/** The class whose instance `this` denotes at `node`: arrows see through, plain functions do not. */
export function thisClass(node: ts.Node): ClassNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
    if (ts.isClassLike(n)) return n;
    if (ts.isSourceFile(n)) return undefined;
  }
  return undefined;
}
