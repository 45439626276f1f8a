// Lexical scope resolution on the bare syntax tree. The type checker would do this too, but building it
// costs ~4-7x a parse over node_modules; a hand-written resolver that knows var hoisting, blocks,
// parameters, imports and destructuring is all the audits and the call graph need.
import { SyntaxKind, ts } from '../util/ts.cjs';

/** A declaration an identifier can resolve to. */
export type Declaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ImportSpecifier
  | ts.ImportClause
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.EnumDeclaration;

type ScopeTable = Map<string, Declaration>;
const tables = new WeakMap<ts.Node, ScopeTable>();

/** Every node that has its own body and its own activation: what the call graph is made of. */
export type FunctionNode = ts.FunctionLikeDeclaration;

export function isFunctionLike(node: ts.Node): node is FunctionNode {
  switch (node.kind) {
    case SyntaxKind.FunctionDeclaration:
    case SyntaxKind.FunctionExpression:
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.MethodDeclaration:
    case SyntaxKind.Constructor:
    case SyntaxKind.GetAccessor:
    case SyntaxKind.SetAccessor:
      return true;
    default:
      return false;
  }
}

/**
 * A node that may declare names of its own (buildTable). A function's body block and a class declaration
 * never do (the function's table holds the body's names; a class declaration's name is its outer
 * scope's): skipping them spares a table look-up on most steps of the walk up from an identifier.
 */
function isScopeNode(node: ts.Node): boolean {
  switch (node.kind) {
    case SyntaxKind.Block:
      return !(node.parent && isFunctionLike(node.parent));
    case SyntaxKind.ClassExpression:
      return (node as ts.ClassExpression).name !== undefined;
    case SyntaxKind.SourceFile:
    case SyntaxKind.ModuleBlock:
    case SyntaxKind.CaseBlock:
    case SyntaxKind.ForStatement:
    case SyntaxKind.ForInStatement:
    case SyntaxKind.ForOfStatement:
    case SyntaxKind.CatchClause:
      return true;
    default:
      return isFunctionLike(node);
  }
}

function addBindingNames(name: ts.BindingName, decl: Declaration | undefined, table: ScopeTable): void {
  if (ts.isIdentifier(name)) {
    if (decl && !table.has(name.text)) table.set(name.text, decl);
    return;
  }
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    addBindingNames(el.name, ts.isIdentifier(el.name) ? el : undefined, table);
  }
}

function addVariableList(list: ts.VariableDeclarationList, table: ScopeTable): void {
  for (const d of list.declarations) addBindingNames(d.name, ts.isIdentifier(d.name) ? d : undefined, table);
}

function isVarList(list: ts.VariableDeclarationList): boolean {
  return (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0;
}

const varPositions = new WeakMap<ts.SourceFile, number[]>();

/** Does the source text between pos and end contain the word `var`? Most modern code has none. */
function mayDeclareVar(node: ts.Node): boolean {
  const sf = node.getSourceFile();
  let positions = varPositions.get(sf);
  if (!positions) {
    positions = [];
    const re = /\bvar\b/g;
    for (let m = re.exec(sf.text); m; m = re.exec(sf.text)) positions.push(m.index);
    varPositions.set(sf, positions);
  }
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < node.pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < positions.length && positions[lo]! < node.end;
}

/** `var` declarations anywhere in a function body are hoisted to it (not across nested functions). */
function collectHoistedVars(node: ts.Node, table: ScopeTable): void {
  if (!mayDeclareVar(node)) return;
  collectVars(node, table);
}

function collectVars(node: ts.Node, table: ScopeTable): void {
  ts.forEachChild(node, (child) => {
    if (isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isVariableDeclarationList(child) && isVarList(child)) addVariableList(child, table);
    collectVars(child, table);
  });
}

function addStatements(statements: ts.NodeArray<ts.Statement>, table: ScopeTable): void {
  for (const st of statements) {
    if (ts.isVariableStatement(st)) {
      if (!isVarList(st.declarationList)) addVariableList(st.declarationList, table);
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      if (!table.has(st.name.text)) table.set(st.name.text, st);
    } else if (ts.isClassDeclaration(st) && st.name) {
      table.set(st.name.text, st);
    } else if (ts.isEnumDeclaration(st)) {
      table.set(st.name.text, st);
    } else if (ts.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.name) table.set(clause.name.text, clause);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) table.set(nb.name.text, nb);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) table.set(el.name.text, el);
    } else if (ts.isImportEqualsDeclaration(st)) {
      table.set(st.name.text, st);
    }
  }
}

function buildTable(node: ts.Node): ScopeTable {
  const table: ScopeTable = new Map();
  if (ts.isSourceFile(node)) {
    addStatements(node.statements, table);
    collectHoistedVars(node, table);
  } else if (isFunctionLike(node)) {
    // a named function expression can call itself by name
    if (ts.isFunctionExpression(node) && node.name) table.set(node.name.text, node as unknown as ts.FunctionDeclaration);
    for (const p of node.parameters) addBindingNames(p.name, ts.isIdentifier(p.name) ? p : undefined, table);
    const body = node.body;
    if (body && ts.isBlock(body)) {
      addStatements(body.statements, table);
      collectHoistedVars(body, table);
    }
  } else if (ts.isBlock(node) || ts.isModuleBlock(node)) {
    // a function body block is handled with its function
    if (!(node.parent && isFunctionLike(node.parent))) addStatements(node.statements, table);
  } else if (ts.isCaseBlock(node)) {
    for (const clause of node.clauses) addStatements(clause.statements, table);
  } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const init = node.initializer;
    if (init && ts.isVariableDeclarationList(init) && !isVarList(init)) addVariableList(init, table);
  } else if (ts.isCatchClause(node)) {
    const v = node.variableDeclaration;
    if (v) addBindingNames(v.name, ts.isIdentifier(v.name) ? v : undefined, table);
  } else if (ts.isClassExpression(node) && node.name) {
    table.set(node.name.text, node as unknown as ts.ClassDeclaration);
  }
  return table;
}

function tableOf(node: ts.Node): ScopeTable {
  let t = tables.get(node);
  if (!t) {
    t = buildTable(node);
    tables.set(node, t);
  }
  return t;
}

/** The declaration an identifier refers to, or undefined for globals and unknown names. */
const resolved = new WeakMap<ts.Identifier, Declaration | null>();

export function resolveIdentifier(id: ts.Identifier): Declaration | undefined {
  // every audit and the call graph ask about the same identifiers: answer each once
  const hit = resolved.get(id);
  if (hit !== undefined) return hit ?? undefined;
  const d = lookup(id);
  resolved.set(id, d ?? null);
  return d;
}

function lookup(id: ts.Identifier): Declaration | undefined {
  const name = id.text;
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!isScopeNode(n)) continue;
    const d = tableOf(n).get(name);
    if (d) return d;
  }
  return undefined;
}

/**
 * What runs a piece of code: a function, or — for an instance field initialiser — its class, whose
 * initialisers run at every `new` (static ones run with the code around the class).
 */
export type Runner = FunctionNode | ts.ClassLikeDeclaration;

function isInstanceInitializer(n: ts.Node, child: ts.Node): n is ts.PropertyDeclaration {
  return ts.isPropertyDeclaration(n) && n.initializer === child && ts.isClassLike(n.parent) && !(ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
}

/** The nearest function, or the class of an instance field initialiser on the way; undefined at module level. */
export function enclosingRunner(node: ts.Node): Runner | undefined {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (isFunctionLike(n)) return n;
    if (isInstanceInitializer(n, child)) return n.parent;
  }
  return undefined;
}

/** Instance field initialisers of a class (what runs at `new` before or without a constructor body). */
export function instanceInitializers(cls: ts.ClassLikeDeclaration): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const m of cls.members) if (m.kind === ts.SyntaxKind.PropertyDeclaration && isInstanceInitializer(m, (m as ts.PropertyDeclaration).initializer ?? m)) out.push(m.initializer!);
  return out;
}

/** Is `node` `outer` itself or inside it? */
export function isWithin(node: ts.Node, outer: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === outer) return true;
  return false;
}

/** The nearest enclosing function-like node, or undefined at module level. */
/** A function expression as its caller sees it: through parentheses and `.bind(…)`. */
export function handedForm(fn: ts.Node): ts.Node {
  let n = fn;
  for (;;) {
    const p = n.parent;
    if (ts.isParenthesizedExpression(p)) n = p;
    else if (ts.isPropertyAccessExpression(p) && p.name.text === 'bind' && ts.isCallExpression(p.parent) && p.parent.expression === p) n = p.parent;
    else return n;
  }
}

/** The call a function expression is handed to as an argument (through parentheses and `.bind`). */
export function callTakingFunction(fn: ts.Node): ts.CallExpression | undefined {
  const n = handedForm(fn);
  const call = n.parent;
  return ts.isCallExpression(call) && call.arguments.includes(n as ts.Expression) ? call : undefined;
}

export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return undefined;
}
