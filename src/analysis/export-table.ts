// What a module exports, read from its top-level statements in the shapes compilers emit:
// tsc CommonJS (`exports.x = x`, `Object.defineProperty(exports, 'x', { get })`, `__exportStar`),
// hand-written CommonJS (`module.exports = {…}` / `= X`), ESM (`export …`, re-exports), and bundlers'
// CommonJS: esbuild/tsup/rolldown's `__export(target, { name: () => name })` filling an object that
// `module.exports = __toCommonJS(target)` hands out, `__reExport(target, require('x'))`, recognised by
// shape so that minified helper names (`t(n, { a: () => a })`) count too.
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
  /** objects a bundler's export helper fills (`__export(index_exports, { … })`), by variable name */
  objects: Map<string, Map<string, ts.Expression>>;
  /** what the code calls its `exports` and `module` objects (a bundled module's parameters) */
  names: { exports: string; module: string };
}

const tables = new WeakMap<ts.Node, ExportTable>();

function isExportsObject(e: ts.Expression, table: ExportTable): boolean {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text === table.names.exports;
  return isModuleExports(x, table);
}

function isModuleExports(e: ts.Expression, table: ExportTable): boolean {
  const x = unwrap(e);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'exports' && ts.isIdentifier(x.expression) && x.expression.text === table.names.module;
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
    if (isModuleExports(left, table)) {
      const value = unwrap(right.right);
      if (ts.isObjectLiteralExpression(value)) addObjectLiteral(table, value);
      else table.whole = value;
      return;
    }
    if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && isExportsObject(left.expression, table)) {
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
  if (!target || !key || !desc || !isExportsObject(target, table) || !ts.isStringLiteral(key) || !ts.isObjectLiteralExpression(desc)) return;
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

/** `{ a: () => a, b: () => import_x.b }`: every property a getter without parameters. */
function getterEntries(obj: ts.Expression): Map<string, ts.Expression> | undefined {
  const o = unwrap(obj);
  if (!ts.isObjectLiteralExpression(o) || o.properties.length === 0) return undefined;
  const out = new Map<string, ts.Expression>();
  for (const p of o.properties) {
    if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return undefined;
    const fn = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) ? p : undefined;
    if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn)) || fn.parameters.length > 0 || !fn.body) return undefined;
    const ret = ts.isBlock(fn.body) ? fn.body.statements.find(ts.isReturnStatement)?.expression : fn.body;
    if (!ret) return undefined;
    out.set(p.name.text, ret);
  }
  return out;
}

/** `__export(target, { name: () => name })` (any helper name): the getters define `target`'s members. */
function addGetterObject(table: ExportTable, call: ts.CallExpression): void {
  const [target, getters] = call.arguments;
  if (call.arguments.length !== 2 || !target || !getters) return;
  const t = unwrap(target);
  const entries = getterEntries(getters);
  if (!entries) return;
  if (isExportsObject(t, table)) {
    for (const [k, v] of entries) table.named.set(k, { kind: 'expr', expr: v });
    return;
  }
  if (!ts.isIdentifier(t)) return;
  const known = table.objects.get(t.text) ?? new Map<string, ts.Expression>();
  for (const [k, v] of entries) known.set(k, v);
  table.objects.set(t.text, known);
}

/** `module.exports = __toCommonJS(target)` (any helper around an object `__export` filled): its members. */
function resolveWhole(table: ExportTable): void {
  if (!table.whole || table.objects.size === 0) return;
  let w = unwrap(table.whole);
  while (ts.isCallExpression(w) && w.arguments.length >= 1) w = unwrap(w.arguments[0]!);
  const entries = ts.isIdentifier(w) ? table.objects.get(w.text) : undefined;
  if (!entries) return;
  for (const [k, v] of entries) if (!table.named.has(k)) table.named.set(k, { kind: 'expr', expr: v });
  table.whole = undefined;
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
      // tsc's `__exportStar(require('x'), exports)`; esbuild's `__reExport(target, require('x'), module.exports)`
      const spec = requireSpec(e.arguments[0]) ?? (name === '__reExport' && e.arguments[1] ? requireSpec(e.arguments[1]) : undefined);
      if (spec) table.stars.push(spec);
    }
    addGetterObject(table, e);
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
  return tableOf(sf, sf.statements, { exports: 'exports', module: 'module' });
}

/** The exports of a module function inside a bundle (bundle-modules.ts), read from its body's statements. */
export function bundledExportTable(fn: ts.FunctionLikeDeclaration, names: { exports?: string; module?: string }): ExportTable {
  const statements = fn.body && ts.isBlock(fn.body) ? fn.body.statements : ts.factory.createNodeArray<ts.Statement>();
  return tableOf(fn, statements, { exports: names.exports ?? '\0', module: names.module ?? '\0' });
}

function tableOf(owner: ts.Node, statements: readonly ts.Statement[], names: ExportTable['names']): ExportTable {
  let table = tables.get(owner);
  if (table) return table;
  table = { named: new Map(), stars: [], objects: new Map(), names };
  for (const st of statements) addStatement(table, st);
  // a getter object filling the exports parameter itself (`__webpack_require__.d(__webpack_exports__, {…})`)
  for (const [k, v] of table.objects.get(names.exports) ?? []) if (!table.named.has(k)) table.named.set(k, { kind: 'expr', expr: v });
  resolveWhole(table);
  tables.set(owner, table);
  return table;
}
