// "Is this a package.json?" — shared by version-lookup, which owns every manifest lookup, and by the
// audits that must step aside for it (sync-fs, metadata-parse, dynamic-require), so that one
// operation yields one finding from the most specific rule.
import { ts } from '../util/ts.cjs';
import { isGlobalIdentifier, isRequireCall, moduleRef, unwrap } from './module-ref.js';
import { resolveIdentifier } from './scope.js';

const FS_MODULES = new Set(['fs', 'graceful-fs', 'fs-extra', 'original-fs']);
/** fs functions whose first argument is a path that gets read (fs-extra's readJson reads and parses) */
export const FILE_READ_FUNCTIONS: ReadonlySet<string> = new Set(['readFileSync', 'readFile', 'readJsonSync', 'readJSONSync', 'readJson', 'readJSON']);
const PATH_BUILDERS = new Set(['join', 'resolve']);
const MAX_DEPTH = 8;

function endsWithManifest(text: string): boolean {
  return text === 'package.json' || text.endsWith('/package.json') || text.endsWith('\\package.json');
}

/** A variable's initializer, when the variable holds it for good (const, or var/let never reassigned). */
export function stableInitializer(decl: ts.Node, accept: (init: ts.Expression) => boolean = () => true): ts.Expression | undefined {
  if (!ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list)) return undefined;
  // test the initializer first: the reassignment check walks the file
  if (!accept(decl.initializer)) return undefined;
  if (list.flags & ts.NodeFlags.Const) return decl.initializer;
  return isReassigned(decl) ? undefined : decl.initializer;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isIncrement(node: ts.Node): node is ts.PrefixUnaryExpression | ts.PostfixUnaryExpression {
  if (!ts.isPrefixUnaryExpression(node) && !ts.isPostfixUnaryExpression(node)) return false;
  return node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken;
}

const reassigned = new WeakMap<ts.VariableDeclaration, boolean>();
const assignedNames = new WeakMap<ts.SourceFile, Map<string, ts.Identifier[]>>();

/**
 * Every identifier a file assigns to (`name = …`, `name += …`, `name++`), by name: one walk per file.
 * Walking the file once per declaration asked about was quadratic in a bundle of one big file.
 */
function assignmentTargets(sf: ts.SourceFile): Map<string, ts.Identifier[]> {
  let byName = assignedNames.get(sf);
  if (byName) return byName;
  const found = new Map<string, ts.Identifier[]>();
  const add = (target: ts.Expression): void => {
    const e = unwrap(target);
    if (!ts.isIdentifier(e)) return;
    const list = found.get(e.text);
    if (list) list.push(e);
    else found.set(e.text, [e]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) add(node.left);
    else if (isIncrement(node)) add(node.operand);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  byName = found;
  assignedNames.set(sf, byName);
  return byName;
}

/** Any `name = …`, `name += …`, `name++` in the file that resolves to this declaration (cached). */
function isReassigned(decl: ts.VariableDeclaration): boolean {
  const cached = reassigned.get(decl);
  if (cached !== undefined) return cached;
  const name = (decl.name as ts.Identifier).text;
  const found = (assignmentTargets(decl.getSourceFile()).get(name) ?? []).some((id) => resolveIdentifier(id) === decl);
  reassigned.set(decl, found);
  return found;
}

/** `require.resolve(...)` with the real require (or one made by createRequire). */
export function isRequireResolveCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = unwrap(node.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'resolve' && isRequireFunction(callee.expression);
}

/** `require`, `module.require`, or a variable holding `createRequire(…)`'s result. */
function isRequireFunction(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (isGlobalIdentifier(e, 'require')) return true;
  if (!ts.isIdentifier(e)) return false;
  const decl = resolveIdentifier(e);
  return decl !== undefined && stableInitializer(decl, (init) => isCreateRequireCall(unwrap(init))) !== undefined;
}

/** `createRequire(…)` (or the deprecated createRequireFromPath) from the `module` builtin. */
export function isCreateRequireCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const ref = moduleRef(node.expression);
  if (!ref || ref.module !== 'module') return false;
  const last = ref.path[ref.path.length - 1];
  return last === 'createRequire' || last === 'createRequireFromPath';
}

/**
 * A CommonJS require call: the global require, `module.require`, or a function made by
 * `createRequire(import.meta.url)` — how ESM code requires.
 */
export function isRequireLikeCall(node: ts.Node): boolean {
  if (isRequireCall(node)) return true;
  return ts.isCallExpression(node) && node.arguments.length > 0 && isRequireFunction(node.expression);
}

/** `import(…)` */
export function isDynamicImport(node: ts.Node): boolean {
  return ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword;
}

/**
 * True when the expression is a path to a package.json: a literal or template ending in it, a
 * concatenation ending in it, `path.join/resolve(…, 'package.json')`, `require.resolve(<one of these>)`,
 * or a variable that holds one of these for good.
 */
export function isManifestPath(expr: ts.Expression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e)) return endsWithManifest(e.text);
  if (ts.isTemplateExpression(e)) {
    const tail = e.templateSpans[e.templateSpans.length - 1];
    return tail !== undefined && endsWithManifest(tail.literal.text);
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return isManifestPath(e.right, depth + 1);
  if (ts.isCallExpression(e)) return isManifestPathCall(e, depth);
  if (ts.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    return decl !== undefined && stableInitializer(decl, (init) => isManifestPath(init, depth + 1)) !== undefined;
  }
  return false;
}

function isManifestPathCall(call: ts.CallExpression, depth: number): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (!last) return false;
  if (isRequireResolveCall(call)) return isManifestPath(call.arguments[0]!, depth + 1);
  const ref = moduleRef(call.expression);
  if (!ref || ref.module !== 'path') return false;
  // path.join, path.resolve, path.posix.join, path.win32.resolve …
  const fn = ref.path[ref.path.length - 1];
  if (fn === undefined || !PATH_BUILDERS.has(fn)) return false;
  return isManifestPath(last, depth + 1);
}

/** An fs read call (readFileSync, readFile, promises.readFile, fs/promises readFile, fs-extra readJson…), any import style. */
export function isFileReadCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || node.arguments.length === 0) return false;
  const ref = moduleRef(node.expression);
  if (!ref) return false;
  const fn = ref.path[ref.path.length - 1];
  if (fn === undefined || !FILE_READ_FUNCTIONS.has(fn)) return false;
  if (ref.module === 'fs/promises') return ref.path.length === 1;
  if (!FS_MODULES.has(ref.module)) return false;
  return ref.path.length === 1 || (ref.path.length === 2 && ref.path[0] === 'promises');
}

/** An fs read whose path argument is a package.json: version-lookup's, nobody else's. */
export function isManifestRead(node: ts.Node): boolean {
  return ts.isCallExpression(node) && isFileReadCall(node) && isManifestPath(node.arguments[0]!);
}
