// One walk per package file collects the few node shapes hook discovery looks at, so that each hook
// finder scans short lists instead of whole trees.
import { SyntaxKind, ts } from '../util/ts.cjs';

export interface SyntaxIndex {
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  classes: ts.ClassLikeDeclaration[];
  /** `x.onEnd = …` / `x['onEnd'] = …` assignments of a named property */
  propertyAssignments: ts.BinaryExpression[];
  /** functions with two or more parameters (middleware candidates) */
  functions: ts.FunctionLikeDeclaration[];
  /** object literals with a hook-like key (`onRequest`, `requestHook`, `setupOnce` …) */
  objects: ts.ObjectLiteralExpression[];
  /** member names whose value a variable keeps (`const orig = obj.query`, `= getOwnPropertyDescriptor(o, 'm')`): what a patch saves before replacing it */
  keptMembers: Set<string>;
}

/** The member names an initialiser reads directly: `obj.m`, `a ? obj.m : obj.n`, `obj.m || f`, a descriptor of `m`. */
function keptNames(init: ts.Expression, out: Set<string>): void {
  let e = init;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isPropertyAccessExpression(e)) out.add(e.name.text);
  else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) out.add(e.argumentExpression.text);
  else if (ts.isConditionalExpression(e)) {
    keptNames(e.whenTrue, out);
    keptNames(e.whenFalse, out);
  } else if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    keptNames(e.left, out);
  } else if (
    ts.isCallExpression(e) &&
    e.arguments.length === 2 &&
    ts.isStringLiteralLike(e.arguments[1]!) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'getOwnPropertyDescriptor'
  ) {
    out.add(e.arguments[1].text);
  }
}

/** Keys of route options, instrumentation configs and integrations: a cheap test before any analysis. */
const HOOK_KEY = /^(on|pre|before)[A-Z]|Hook$|^setup(Once)?$/;

function hasHookKey(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && HOOK_KEY.test(p.name.text));
}

const cache = new WeakMap<ts.SourceFile, SyntaxIndex>();

export function emptySyntaxIndex(): SyntaxIndex {
  return { calls: [], news: [], classes: [], propertyAssignments: [], functions: [], objects: [], keptMembers: new Set() };
}

/**
 * What one node adds to an index. The walk is the caller's: syntaxIndex walks a file for this alone,
 * file-walk.ts feeds the same walk to the audits.
 */
export function indexNode(n: ts.Node, found: SyntaxIndex): void {
  switch (n.kind) {
    case SyntaxKind.CallExpression:
      found.calls.push(n as ts.CallExpression);
      break;
    case SyntaxKind.NewExpression:
      found.news.push(n as ts.NewExpression);
      break;
    case SyntaxKind.ClassDeclaration:
    case SyntaxKind.ClassExpression:
      found.classes.push(n as ts.ClassLikeDeclaration);
      break;
    case SyntaxKind.FunctionDeclaration:
    case SyntaxKind.FunctionExpression:
    case SyntaxKind.ArrowFunction:
      if ((n as ts.FunctionLikeDeclaration).parameters.length >= 2) found.functions.push(n as ts.FunctionLikeDeclaration);
      break;
    case SyntaxKind.VariableDeclaration: {
      const init = (n as ts.VariableDeclaration).initializer;
      if (init) keptNames(init, found.keptMembers);
      break;
    }
    case SyntaxKind.ObjectLiteralExpression:
      if (hasHookKey(n as ts.ObjectLiteralExpression)) found.objects.push(n as ts.ObjectLiteralExpression);
      break;
    case SyntaxKind.BinaryExpression: {
      const b = n as ts.BinaryExpression;
      if (b.operatorToken.kind === SyntaxKind.EqualsToken && (ts.isPropertyAccessExpression(b.left) || (ts.isElementAccessExpression(b.left) && ts.isStringLiteralLike(b.left.argumentExpression))))
        found.propertyAssignments.push(b);
      break;
    }
  }
}

/** The index of a file a walk of the caller's (indexNode on every node, in tree order) has built. */
export function keepSyntaxIndex(sf: ts.SourceFile, index: SyntaxIndex): void {
  cache.set(sf, index);
}

export function syntaxIndex(sf: ts.SourceFile): SyntaxIndex {
  const idx = cache.get(sf);
  if (idx) return idx;
  const found = emptySyntaxIndex();
  const visit = (n: ts.Node): void => {
    indexNode(n, found);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  cache.set(sf, found);
  return found;
}
