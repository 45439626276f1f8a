// A small abstract interpreter over the syntax tree: what value an expression denotes (a function, a
// class, an instance, a module, an object literal), across files and packages. It is deliberately
// flow-insensitive and bounded: it answers "which function does this call reach" for the shapes
// instrumentations are written in, and says "unknown" rather than guess.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import { bundledModule, moduleParameterNames } from './bundle-modules.js';
import { bundledExportTable, exportTable, type ExportEntry } from './export-table.js';
import { constructorParameter, Fields, staticAssignment } from './field-values.js';
import { thisClass } from './this-class.js';
import type { ClassNode, Value } from './value.js';
import { propertyKey } from './expressions.js';
import { isInteropCall, isRequireCall, memberName, normaliseModule, unwrap } from './module-ref.js';
import { callTakingFunction, handedForm, isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';
import type { Workspace } from './workspace.js';

export type { ClassNode, Value } from './value.js';

const MAX_DEPTH = 24;

export { thisClass };

/** Array methods that hand each element to their callback's first parameter (`reduce`: the second). */
const ITERATION = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'findIndex', 'findLastIndex', 'some', 'every', 'reduce', 'reduceRight']);

/**
 * The array whose elements an identifier names: the variable of `for (const x of list)` (or `var x =
 * list[i]`), or the element parameter of a callback handed to an array method (`list.forEach((x) => …)`,
 * `list.reduce((acc, x) => …)`).
 */
function iteratedArray(id: ts.Identifier): ts.Expression | undefined {
  const d = resolveIdentifier(id);
  if (!d) return undefined;
  if (ts.isVariableDeclaration(d)) {
    if (!ts.isIdentifier(d.name)) return undefined;
    const list = d.parent;
    if (ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent) && list.parent.initializer === list) return list.parent.expression;
    // `var r = _a[_i]`: tsc's ES5 output for `for (const r of list)`, and any element taken by an index
    const init = d.initializer && unwrap(d.initializer);
    return init && ts.isElementAccessExpression(init) && !ts.isStringLiteralLike(unwrap(init.argumentExpression)) ? init.expression : undefined;
  }
  if (!ts.isParameter(d) || !ts.isIdentifier(d.name) || d.dotDotDotToken) return undefined;
  const fn = d.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const call = callTakingFunction(fn);
  if (!call || call.arguments[0] !== handedForm(fn)) return undefined;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ITERATION.has(callee.name.text)) return undefined;
  const at = callee.name.text === 'reduce' || callee.name.text === 'reduceRight' ? 1 : 0;
  return fn.parameters.indexOf(d) === at ? callee.expression : undefined;
}

export class Values {
  private readonly moduleCache = new Map<string, Value | undefined>();
  private readonly memo = new WeakMap<ts.Expression, Value | null>();
  private readonly bases = new Map<ClassNode, ClassNode | null>();
  private readonly fields: Fields;

  constructor(private readonly ws: Workspace) {
    this.fields = new Fields(this, ws);
  }

  /**
   * Every value an expression may hold where the syntax names several: `this._exporter` assigned from a
   * constructor parameter that the package passes different exporters to. One value otherwise.
   */
  valuesOf(expr: ts.Expression): Value[] {
    const e = unwrap(expr);
    // `list[i].m()`, `list[0].m()`: an element of an array (what it was built with), when the array is known
    if (ts.isElementAccessExpression(e) && !ts.isStringLiteralLike(unwrap(e.argumentExpression))) {
      const elements = this.fields.elementValues(e.expression, 1);
      if (elements.length > 0) return elements;
    }
    const name = memberName(e);
    if (name !== undefined && (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) {
      const base = this.valueOf(e.expression);
      if (!base) return [];
      if (base.kind === 'instance') {
        const m = this.findMember(base.cls, name, false);
        if (!m || (ts.isPropertyDeclaration(m) && !m.initializer)) return this.fields.valuesOf(base.cls, name, 1);
      }
      const v = this.member(base, name, 1);
      return v ? [v] : [];
    }
    if (ts.isIdentifier(e)) {
      const p = constructorParameter(e);
      if (p) return this.fields.parameterValues(p.ctor, p.index, 1);
      // the element a loop or an iteration callback is handed: what the array holds
      const array = iteratedArray(e);
      if (array) {
        const elements = this.fields.elementValues(array, 1);
        if (elements.length > 0) return elements;
      }
    }
    const v = this.valueOf(e);
    return v ? [v] : [];
  }

  valueOf(expr: ts.Expression, depth = 0): Value | undefined {
    // the call graph, the hook finders and set-up reachability ask about the same expressions again and
    // again: keep the answers to top-level questions (deeper ones are cut by depth and not final)
    if (depth === 0) {
      const known = this.memo.get(expr);
      if (known !== undefined) return known ?? undefined;
      const v = this.valueAt(expr, 0);
      this.memo.set(expr, v ?? null);
      return v;
    }
    return this.valueAt(expr, depth);
  }

  private valueAt(expr: ts.Expression, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrap(expr);
    if (isFunctionLike(e)) return { kind: 'function', node: e };
    if (ts.isClassExpression(e)) return { kind: 'class', node: e };
    if (ts.isObjectLiteralExpression(e)) return { kind: 'object', node: e };
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = thisClass(e);
      return cls ? { kind: 'instance', cls } : undefined;
    }
    if (e.kind === ts.SyntaxKind.SuperKeyword) {
      const cls = thisClass(e);
      const base = cls && this.baseClass(cls);
      return base ? { kind: 'instance', cls: base } : undefined;
    }
    if (ts.isIdentifier(e)) return this.identifierValue(e, depth);
    if (ts.isNewExpression(e)) {
      const v = this.callable(this.valueOf(e.expression, depth + 1), depth);
      return v?.kind === 'class' ? { kind: 'instance', cls: v.node } : undefined;
    }
    if (ts.isCallExpression(e)) return this.callValue(e, depth);
    const name = memberName(e);
    if (name !== undefined && (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) {
      const base = this.valueOf(e.expression, depth + 1);
      return base ? this.member(base, name, depth + 1) : undefined;
    }
    return undefined;
  }

  private callValue(call: ts.CallExpression, depth: number): Value | undefined {
    if (isRequireCall(call)) {
      const a = call.arguments[0];
      const mod = a && ts.isStringLiteralLike(a) ? this.moduleValue(call.getSourceFile().fileName, a.text) : undefined;
      // `module.exports = class Plugin {…}`: what require returns is that class (or function), unless
      // members are added to it (`module.exports.helper = …`), which the module value answers for
      const table = mod?.kind === 'module' ? exportTable(this.ws.load(mod.file)!.sf) : undefined;
      const v = table?.whole && table.named.size === 0 ? this.valueOf(table.whole, depth + 1) : undefined;
      return v?.kind === 'class' || v?.kind === 'function' ? v : mod;
    }
    const callee = unwrap(call.expression);
    if (isInteropCall(call)) return this.valueOf(call.arguments[0]!, depth + 1);
    const bundled = bundledModule(call);
    if (bundled) return { kind: 'bundled', node: bundled };
    // fn.bind(thisArg): the same function
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
      const v = this.valueOf(callee.expression, depth + 1);
      return v?.kind === 'function' ? v : undefined;
    }
    return undefined;
  }

  private identifierValue(id: ts.Identifier, depth: number): Value | undefined {
    const decl = resolveIdentifier(id);
    if (!decl) return undefined;
    if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) return { kind: 'function', node: decl as FunctionNode };
    if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) return { kind: 'class', node: decl as ClassNode };
    if (ts.isVariableDeclaration(decl)) {
      if (!decl.initializer) return undefined;
      return this.valueOf(decl.initializer, depth + 1);
    }
    if (ts.isParameter(decl)) {
      const p = constructorParameter(id);
      return p ? this.fields.parameterValues(p.ctor, p.index, depth + 1)[0] : undefined;
    }
    if (ts.isBindingElement(decl)) {
      const pattern = decl.parent;
      const owner = pattern.parent;
      if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(owner) || !owner.initializer) return undefined;
      const key = decl.propertyName ?? decl.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
      const base = this.valueOf(owner.initializer, depth + 1);
      return base ? this.member(base, key.text, depth + 1) : undefined;
    }
    const file = id.getSourceFile().fileName;
    if (ts.isImportSpecifier(decl)) {
      const spec = decl.parent.parent.parent.moduleSpecifier;
      if (!ts.isStringLiteral(spec)) return undefined;
      const mod = this.moduleValue(file, spec.text);
      return mod ? this.member(mod, (decl.propertyName ?? decl.name).text, depth + 1) : undefined;
    }
    if (ts.isNamespaceImport(decl)) {
      const spec = decl.parent.parent.moduleSpecifier;
      return ts.isStringLiteral(spec) ? this.moduleValue(file, spec.text) : undefined;
    }
    if (ts.isImportClause(decl)) {
      const spec = decl.parent.moduleSpecifier;
      const mod = ts.isStringLiteral(spec) ? this.moduleValue(file, spec.text) : undefined;
      return mod ? (this.member(mod, 'default', depth + 1) ?? mod) : undefined;
    }
    if (ts.isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) return this.moduleValue(file, ref.expression.text);
    }
    return undefined;
  }

  /**
   * What calling or constructing a value runs: a module stands for what it exports as a whole
   * (`const Processor = require('./processor'); new Processor()` with `module.exports = class …`).
   */
  callable(v: Value | undefined, depth = 0): Value | undefined {
    if (v?.kind !== 'module') return v;
    const whole = exportTable(this.ws.load(v.file)!.sf).whole;
    return whole ? this.valueOf(whole, depth + 1) : undefined;
  }

  /** The parsed file behind a module value. */
  workspaceUnit(file: string): ReturnType<Workspace['load']> {
    return this.ws.load(file);
  }

  /** The module a specifier denotes from a file: a parsed file, or an external (builtin or unreadable). */
  moduleValue(fromFile: string, spec: string): Value | undefined {
    const key = `${path.dirname(fromFile)}\0${spec}`;
    if (this.moduleCache.has(key)) return this.moduleCache.get(key);
    const r = this.ws.resolve(fromFile, spec);
    let v: Value | undefined;
    if (r.kind === 'file' && /\.(c|m)?[jt]sx?$/.test(r.path) && !r.path.endsWith('.d.ts') && this.ws.load(r.path)) v = { kind: 'module', file: r.path };
    else v = { kind: 'external', module: normaliseModule(spec), path: [] };
    this.moduleCache.set(key, v);
    return v;
  }

  member(base: Value, name: string, depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (base.kind) {
      case 'module':
        return this.exportOf(base.file, name, depth + 1, new Set());
      case 'external':
        return name === 'default' && base.path.length === 0 ? base : { kind: 'external', module: base.module, path: [...base.path, name] };
      case 'object':
        return this.objectMember(base.node, name, depth);
      case 'bundled': {
        const table = bundledExportTable(base.node, moduleParameterNames(base.node));
        const entry = table.named.get(name);
        if (entry) return this.entryValue(base.node.getSourceFile().fileName, entry, depth, new Set());
        const whole = table.whole ? this.valueOf(table.whole, depth + 1) : undefined;
        return whole ? (name === 'default' ? whole : this.member(whole, name, depth + 1)) : undefined;
      }
      case 'class': {
        if (name === 'prototype') return { kind: 'instance', cls: base.node };
        const m = this.findMember(base.node, name, true);
        if (m && !(ts.isPropertyDeclaration(m) && !m.initializer)) return this.memberValue(m, depth);
        // a static set after the class (`Builder.DEFAULT_GENERATOR = new Generator()`, tsc's output for static fields)
        const assigned = staticAssignment(base.node, name);
        return assigned ? this.valueOf(assigned, depth + 1) : undefined;
      }
      case 'instance': {
        const m = this.findMember(base.cls, name, false);
        if (m && !(ts.isPropertyDeclaration(m) && !m.initializer)) return this.memberValue(m, depth);
        // a field the constructor or a set-up method assigns: `this._handler = new Handler()`
        return this.fields.valuesOf(base.cls, name, depth + 1)[0];
      }
      default:
        return undefined;
    }
  }

  private objectMember(obj: ts.ObjectLiteralExpression, name: string, depth: number): Value | undefined {
    for (const p of obj.properties) {
      if (!p.name || propertyKey(p.name) !== name) continue;
      if (ts.isPropertyAssignment(p)) return this.valueOf(p.initializer, depth + 1);
      if (ts.isShorthandPropertyAssignment(p)) return this.valueOf(p.name, depth + 1);
      if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) return { kind: 'function', node: p };
    }
    return undefined;
  }

  private memberValue(m: ts.ClassElement, depth: number): Value | undefined {
    if (ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m)) return { kind: 'function', node: m };
    if (ts.isPropertyDeclaration(m) && m.initializer) return this.valueOf(m.initializer, depth + 1);
    return undefined;
  }

  exportOf(file: string, name: string, depth: number, seen: Set<string>): Value | undefined {
    if (depth > MAX_DEPTH || seen.has(`${file}#${name}`)) return undefined;
    seen.add(`${file}#${name}`);
    const unit = this.ws.load(file);
    if (!unit) return undefined;
    const table = exportTable(unit.sf);
    const entry = table.named.get(name);
    if (entry) return this.entryValue(file, entry, depth, seen);
    if (table.whole) {
      const whole = this.valueOf(table.whole, depth + 1);
      if (whole) return name === 'default' ? whole : this.member(whole, name, depth + 1);
    }
    for (const spec of table.stars) {
      const mod = this.moduleValue(file, spec);
      if (mod?.kind !== 'module') continue;
      const v = this.exportOf(mod.file, name, depth + 1, seen);
      if (v) return v;
    }
    return undefined;
  }

  private entryValue(file: string, entry: ExportEntry, depth: number, seen: Set<string>): Value | undefined {
    switch (entry.kind) {
      case 'expr':
        return this.valueOf(entry.expr, depth + 1);
      case 'local':
        return this.valueOf(entry.name, depth + 1);
      case 'decl':
        if (ts.isFunctionDeclaration(entry.node)) return { kind: 'function', node: entry.node };
        if (ts.isClassDeclaration(entry.node)) return { kind: 'class', node: entry.node };
        return entry.node.initializer ? this.valueOf(entry.node.initializer, depth + 1) : undefined;
      case 'reexport': {
        const mod = this.moduleValue(file, entry.spec);
        if (!mod) return undefined;
        if (entry.name === '*') return mod;
        return mod.kind === 'module' ? this.exportOf(mod.file, entry.name, depth + 1, seen) : this.member(mod, entry.name, depth + 1);
      }
    }
  }

  /** A method, getter or field by name on a class or its bases (static or instance side). */
  findMember(cls: ClassNode, name: string, isStatic: boolean): ts.ClassElement | undefined {
    for (let c: ClassNode | undefined = cls, hops = 0; c && hops < 16; c = this.baseClass(c), hops++) {
      for (const m of c.members) {
        if (!m.name) continue;
        const mName = propertyKey(m.name);
        if (mName !== name) continue;
        const st = ts.canHaveModifiers(m) && (ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false);
        if (st === isStatic) return m;
      }
    }
    return undefined;
  }

  baseClass(cls: ClassNode): ClassNode | undefined {
    // asked for every class of a package while looking for subclasses (field-values.ts), and at every
    // step up a class chain: resolve each `extends` once per package
    const known = this.bases.get(cls);
    if (known !== undefined) return known ?? undefined;
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const v = ext ? this.valueOf(ext.expression, 1) : undefined;
    const base = v?.kind === 'class' ? v.node : undefined;
    this.bases.set(cls, base ?? null);
    return base;
  }
}
