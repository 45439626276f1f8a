// Fields a class sets by assignment rather than declares: `this._onEnd = (span) => {…}` in its
// constructor, `this._handler = new Handler()` in a method. What `this._onEnd(span)` calls is found
// here when the class has no member of that name.
import { ts } from '../util/ts.cjs';
import { isFunctionLike } from './scope.js';
import { thisClass, type ClassNode } from './this-class.js';

const cache = new WeakMap<ClassNode, Map<string, ts.Expression[]>>();

/** `this.<name> = <expression>` assignments inside the class's own code, constructor first. */
export function assignedFields(cls: ClassNode): Map<string, ts.Expression[]> {
  let fields = cache.get(cls);
  if (fields) return fields;
  const found = new Map<string, ts.Expression[]>();
  const visit = (n: ts.Node): void => {
    if (ts.isClassLike(n)) return; // a nested class has its own `this`
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && thisClass(n.left) === cls) {
      const list = found.get(n.left.name.text);
      if (list) list.push(n.right);
      else found.set(n.left.name.text, [n.right]);
    }
    ts.forEachChild(n, visit);
  };
  const members = [...cls.members].sort((a, b) => Number(ts.isConstructorDeclaration(b)) - Number(ts.isConstructorDeclaration(a)));
  for (const m of members) {
    if (isFunctionLike(m) && m.body) visit(m.body);
    else if (ts.isPropertyDeclaration(m) && m.initializer) visit(m.initializer);
  }
  fields = found;
  cache.set(cls, fields);
  return fields;
}
