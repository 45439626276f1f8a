// What a module exports, read from its top-level statements in the shapes compilers emit:
// tsc CommonJS (`exports.x = x`, `Object.defineProperty(exports, 'x', { get })`, `__exportStar`),
// hand-written CommonJS (`module.exports = {…}` / `= X`), and ESM (`export …`, re-exports).
import { ts } from '../util/ts.cjs';
import { isRequireCall, memberName, unwrap } from './module-ref.js';

export type ExportEntry =
  | { kind: 'expr'; expr: ts.Expression }
  | { kind: 'decl'; node: ts.FunctionDeclaration | ts.ClassDeclaration | ts.VariableDeclaration }
  | { kind: 'local'; name: ts.Identifier }
  | { kind: 'reexport'; spec: string; name: string };

export interface ExportTable {
  named: Map<string, ExportEntry>;
  /** `export * from 'x'`, `__exportStar(require('x'), exports)` */
  stars: string[];
  /** `module.exports = X`: members are looked up on X */
  whole?: ts.Expression;
}

const tables = new WeakMap<ts.SourceFile, ExportTable>();

function isExportsObject(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text === 'exports';
  return ts.isPropertyAccessExpression(x) && x.name.text === 'exports' && ts.isIdentifier(x.expression) && x.expression.text === 'module';
}

function isModuleExports(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'exports' && ts.isIdentifier(x.expression) && x.expression.text === 'module';
}

function requireSpec(e: ts.Expression): string | undefined {
  const x = unwrap(e);
  if (isRequireCall(x)) {
    const a = x.arguments[0];
    return a && ts.isStringLiteralLike(a) ? a.text : undefined;
  }
  // tslib.__importStar(require('x')) and friends
  if (ts.isCallExpression(x) && x.arguments[0]) return requireSpec(x.arguments[0]);
  return undefined;
}

/** `exports.a = exports.b = expr` assigns expr to both a and b; `void 0` placeholders are skipped. */
function addAssignment(table: ExportTable, bin: ts.BinaryExpression): void {
  const targets: string[] = [];
  let right: ts.Expression = bin;
  while (ts.isBinaryExpression(right) && right.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(right.left);
    if (isModuleExports(left)) {
      const value = unwrap(right.right);
      if (ts.isObjectLiteralExpression(value)) addObjectLiteral(table, value);
      else table.whole = value;
      return;
    }
    if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && isExportsObject(left.expression)) {
      const name = memberName(left);
      if (name) targets.push(name);
    }
    right = unwrap(right.right);
  }
  if (ts.isVoidExpression(right)) return;
  for (const t of targets) table.named.set(t, { kind: 'expr', expr: right });
}

function addObjectLiteral(table: ExportTable, obj: ts.ObjectLiteralExpression): void {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) table.named.set(p.name.text, { kind: 'expr', expr: p.initializer });
    else if (ts.isShorthandPropertyAssignment(p)) table.named.set(p.name.text, { kind: 'local', name: p.name });
    else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) table.named.set(p.name.text, { kind: 'expr', expr: p as unknown as ts.Expression });
  }
}

/** `Object.defineProperty(exports, "x", { enumerable: true, get: function () { return m.x; } })` */
function addDefineProperty(table: ExportTable, call: ts.CallExpression): void {
  const [target, key, desc] = call.arguments;
  if (!target || !key || !desc || !isExportsObject(target) || !ts.isStringLiteral(key) || !ts.isObjectLiteralExpression(desc)) return;
  for (const p of desc.properties) {
    const name = p.name && ts.isIdentifier(p.name) ? p.name.text : undefined;
    if (name === 'value' && ts.isPropertyAssignment(p)) table.named.set(key.text, { kind: 'expr', expr: p.initializer });
    if (name !== 'get') continue;
    const fn = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : ts.isMethodDeclaration(p) ? p : undefined;
    if (!fn || !(ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn)) || !fn.body) continue;
    const body = fn.body;
    const ret = ts.isBlock(body) ? body.statements.find(ts.isReturnStatement)?.expression : body;
    if (ret) table.named.set(key.text, { kind: 'expr', expr: ret });
  }
}

function addStatement(table: ExportTable, st: ts.Statement): void {
  if (ts.isExpressionStatement(st)) {
    const e = unwrap(st.expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return addAssignment(table, e);
    if (!ts.isCallExpression(e)) return;
    const callee = unwrap(e.expression);
    const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
    if (name === 'defineProperty') return addDefineProperty(table, e);
    if ((name === '__exportStar' || name === '__export' || name === '__reExport') && e.arguments[0]) {
      const spec = requireSpec(e.arguments[0]);
      if (spec) table.stars.push(spec);
    }
    return;
  }
  const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && exported) {
    if (isDefault) table.named.set('default', { kind: 'decl', node: st });
    if (st.name) table.named.set(st.name.text, { kind: 'decl', node: st });
    return;
  }
  if (ts.isVariableStatement(st) && exported) {
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) table.named.set(d.name.text, { kind: 'decl', node: d });
    return;
  }
  if (ts.isExportAssignment(st)) {
    if (st.isExportEquals) table.whole = st.expression;
    else table.named.set('default', { kind: 'expr', expr: st.expression });
    return;
  }
  if (!ts.isExportDeclaration(st)) return;
  const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
  const clause = st.exportClause;
  if (!clause) {
    if (spec) table.stars.push(spec);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    if (spec) table.named.set(clause.name.text, { kind: 'reexport', spec, name: '*' });
    return;
  }
  for (const el of clause.elements) {
    const local = el.propertyName ?? el.name;
    const localName = ts.isIdentifier(local) ? local.text : local.text;
    if (spec) table.named.set(el.name.text, { kind: 'reexport', spec, name: localName });
    else if (ts.isIdentifier(local)) table.named.set(el.name.text, { kind: 'local', name: local });
  }
}

export function exportTable(sf: ts.SourceFile): ExportTable {
  let table = tables.get(sf);
  if (table) return table;
  table = { named: new Map(), stars: [] };
  for (const st of sf.statements) addStatement(table, st);
  tables.set(sf, table);
  return table;
}
