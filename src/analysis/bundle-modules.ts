// Modules inside a single-file bundle: webpack's module table (`var __webpack_modules__ = { 123:
// (module, exports, __webpack_require__) => {…} }`, or an array handed to the bootstrap IIFE) required
// as `__webpack_require__(123)`, and esbuild's lazy CommonJS wrappers (`var require_x = __commonJS({
// "src/x.js"(exports, module) {…} })` called as `require_x()`). Recognised by shape, so minified
// output with renamed helpers counts too: what such a call returns is the exports of that function.
import { ts } from '../util/ts.cjs';
import { isRequireCall, unwrap } from './expressions.js';
import { isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';

const tables = new WeakMap<ts.SourceFile, Map<string, FunctionNode>>();

/** A module function of a table: a function with one to three parameters (module, exports, require). */
function moduleFunction(e: ts.Node | undefined): FunctionNode | undefined {
  if (!e) return undefined;
  const u = ts.isExpression(e) ? unwrap(e) : e;
  return isFunctionLike(u) && u.parameters.length >= 1 && u.parameters.length <= 3 ? u : undefined;
}

/** An object literal or array of two or more module functions, by key (array: by index). */
function addTable(expr: ts.Expression, out: Map<string, FunctionNode>): void {
  const e = unwrap(expr);
  const entries: Array<[string, FunctionNode | undefined]> = ts.isObjectLiteralExpression(e)
    ? e.properties.map((p) => [
        p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : '',
        ts.isPropertyAssignment(p) ? moduleFunction(p.initializer) : moduleFunction(p),
      ])
    : ts.isArrayLiteralExpression(e)
      ? e.elements.map((el, i) => [String(i), moduleFunction(el)])
      : [];
  if (entries.length < 2 || entries.some(([k, fn]) => k === '' || !fn)) return;
  for (const [k, fn] of entries) out.set(k, fn!);
}

/** Statements at the top level and in top-level IIFEs (webpack wraps its runtime in one). */
function bundleStatements(sf: ts.SourceFile): Array<{ st: ts.Statement; iife?: ts.CallExpression }> {
  const out: Array<{ st: ts.Statement; iife?: ts.CallExpression }> = [];
  for (const st of sf.statements) {
    out.push({ st });
    const e = ts.isExpressionStatement(st) ? unwrap(st.expression) : undefined;
    const call = e && (ts.isCallExpression(e) ? e : ts.isPrefixUnaryExpression(e) && ts.isCallExpression(unwrap(e.operand)) ? (unwrap(e.operand) as ts.CallExpression) : undefined);
    const fn = call && unwrap(call.expression);
    if (call && fn && isFunctionLike(fn) && fn.body && ts.isBlock(fn.body)) for (const inner of fn.body.statements) out.push({ st: inner, iife: call });
  }
  return out;
}

function moduleTable(sf: ts.SourceFile): Map<string, FunctionNode> {
  let table = tables.get(sf);
  if (table) return table;
  table = new Map();
  for (const { st, iife } of bundleStatements(sf)) {
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (d.initializer) addTable(d.initializer, table);
    // webpack 4: `(function (modules) { … })([function (module, exports, __webpack_require__) {…}, …])`
    if (iife) for (const a of iife.arguments) addTable(a, table);
  }
  tables.set(sf, table);
  return table;
}

/** The module function whose exports a call returns, when the call loads a bundled module. */
export function bundledModule(call: ts.CallExpression): FunctionNode | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const d = resolveIdentifier(callee);
  if (!d) return undefined;
  if (call.arguments.length === 0) {
    // `require_x()` where `require_x = helper({ "path"(exports, module) {…} })`
    if (!ts.isVariableDeclaration(d) || !d.initializer) return undefined;
    const init = unwrap(d.initializer);
    if (!ts.isCallExpression(init) || init.arguments.length !== 1) return undefined;
    const obj = unwrap(init.arguments[0]!);
    if (!ts.isObjectLiteralExpression(obj) || obj.properties.length !== 1) return undefined;
    const p = obj.properties[0]!;
    return ts.isPropertyAssignment(p) ? moduleFunction(p.initializer) : moduleFunction(p);
  }
  // `__webpack_require__(123)`: the runtime's require function, or the parameter module functions get it as
  const a = call.arguments.length === 1 ? unwrap(call.arguments[0]!) : undefined;
  const key = a && (ts.isNumericLiteral(a) || ts.isStringLiteral(a)) ? a.text : undefined;
  if (key === undefined || !(ts.isFunctionDeclaration(d) || ts.isParameter(d) || ts.isVariableDeclaration(d))) return undefined;
  return moduleTable(call.getSourceFile()).get(key);
}

/** The names a module function gives its `module` and `exports` objects: by name, else by position. */
export function moduleParameterNames(fn: FunctionNode): { module?: string; exports?: string } {
  const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  const exportsAt = names.findIndex((n) => /exports/i.test(n));
  const moduleAt = names.findIndex((n) => /module/i.test(n) && !/exports/i.test(n));
  if (exportsAt >= 0 || moduleAt >= 0) return { exports: names[exportsAt], module: names[moduleAt] };
  // webpack: (module, exports, require); esbuild's wrappers: (exports, module)
  return names.length === 3 ? { module: names[0], exports: names[1] } : { exports: names[0], module: names[1] };
}

/** A bundled module that only hands out a real one (`"fs": (module) => { module.exports = require("fs") }`): its specifier. */
export function externalModuleOf(fn: FunctionNode): string | undefined {
  const body = fn.body;
  const statements = body && ts.isBlock(body) ? body.statements : [];
  if (statements.length !== 1 || !ts.isExpressionStatement(statements[0]!)) return undefined;
  const e = unwrap(statements[0].expression);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isRequireCall(unwrap(e.right))) return undefined;
  const arg = (unwrap(e.right) as ts.CallExpression).arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}
