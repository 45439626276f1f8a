// One walk per package file collects the few node shapes hook discovery looks at, so that each hook
// finder scans short lists instead of whole trees.
import { ts } from '../util/ts.cjs';

export interface SyntaxIndex {
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  classes: ts.ClassLikeDeclaration[];
  /** `x.onEnd = …`-style assignments of a property */
  propertyAssignments: ts.BinaryExpression[];
}

const cache = new WeakMap<ts.SourceFile, SyntaxIndex>();

export function syntaxIndex(sf: ts.SourceFile): SyntaxIndex {
  const idx = cache.get(sf);
  if (idx) return idx;
  const found: SyntaxIndex = { calls: [], news: [], classes: [], propertyAssignments: [] };
  const visit = (n: ts.Node): void => {
    switch (n.kind) {
      case ts.SyntaxKind.CallExpression:
        found.calls.push(n as ts.CallExpression);
        break;
      case ts.SyntaxKind.NewExpression:
        found.news.push(n as ts.NewExpression);
        break;
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        found.classes.push(n as ts.ClassLikeDeclaration);
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const b = n as ts.BinaryExpression;
        if (b.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(b.left)) found.propertyAssignments.push(b);
        break;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  cache.set(sf, found);
  return found;
}
