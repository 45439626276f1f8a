// What an expression denotes, as values.ts answers it: a function, a class, an instance, a module, an
// object literal, or the exports of a module function inside a bundle.
import type { ts } from '../util/ts.cjs';
import type { FunctionNode } from './scope.js';

export type ClassNode = ts.ClassDeclaration | ts.ClassExpression;

export type Value =
  | { kind: 'function'; node: FunctionNode }
  | { kind: 'class'; node: ClassNode }
  | { kind: 'instance'; cls: ClassNode }
  | { kind: 'module'; file: string }
  | { kind: 'external'; module: string; path: string[] }
  | { kind: 'object'; node: ts.ObjectLiteralExpression }
  /** the exports of a module function inside a bundle (webpack's module table, esbuild's `__commonJS`) */
  | { kind: 'bundled'; node: FunctionNode };
