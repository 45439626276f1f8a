// The contract between the analysis and the audits in audits/. An audit only recognises an expensive
// operation at one syntax node and returns data; *where* it runs (per call, once, init) is decided by
// the analysis, and severity/suppression by the policy.
import type { ts } from '../util/ts.cjs';
import type { AuditMeta } from './audit-meta.js';

/** What an expression refers to when it comes from a module: `fs_1.readFileSync` → {module:'fs', path:['readFileSync']} */
/**
 * A `require(…)` call: a call with its first argument. A subtype of CallExpression, so that a call for
 * which the guard says no stays a CallExpression (a guard to CallExpression itself narrowed it to never).
 */
export type RequireCall = ts.CallExpression & { readonly arguments: ts.NodeArray<ts.Expression> & { readonly 0: ts.Expression } };

export interface ModuleRef {
  /** module specifier as written, `node:` prefix removed for builtins */
  module: string;
  /** property path below the module object; `default` dropped for CommonJS/builtin interop */
  path: string[];
}

export interface Detection {
  /** the expensive expression itself (a call, `new`, property read …): its start is the reported location */
  node: ts.Node;
  /** stable operation name: `fs.readFileSync`, `require.resolve`, `process.env`, `new RegExp` … */
  operation: string;
}

export interface AuditContext {
  readonly ts: typeof ts;
  readonly sourceFile: ts.SourceFile;
  /** `(0, x)`, parentheses, `as`/`!`/satisfies removed */
  unwrap(expr: ts.Expression): ts.Expression;
  /**
   * The member name a callee ends in (`fs_1.readFileSync` → `readFileSync`), or undefined when it is
   * not a member access. Audits check it first: a name test is far cheaper than `moduleRef`, which
   * resolves the callee's root identifier through its scopes.
   */
  calleeMember(expr: ts.Expression): string | undefined;
  /** module origin of an identifier / property access, in every import style (require, import, tslib helpers, destructuring, aliases) */
  moduleRef(expr: ts.Expression): ModuleRef | undefined;
  /** `require(…)` calling the real CommonJS require (not a local function named require) */
  isRequireCall(node: ts.Node): node is RequireCall;
  /** the value of a constant string expression: literals, no-substitution templates, const variables, `+` of those */
  constantString(expr: ts.Expression): string | undefined;
  /** true when the node is the `process` global (not shadowed) or `require('process')` */
  isProcess(expr: ts.Expression): boolean;
  /** true when the identifier is the global of that name (no local declaration shadows it) */
  isGlobal(expr: ts.Expression, name: string): boolean;
  /** true when the node sits inside a function body (not module top level or a class field initialiser) */
  isInsideFunction(node: ts.Node): boolean;
}

/** A rule with its detector loaded: the metadata (audit-meta.ts) and what the walker hands it. */
export interface Audit extends AuditMeta {
  /** syntax kinds the walker hands to `detect`; everything else never reaches it */
  readonly kinds: readonly ts.SyntaxKind[];
  /** recognise the operation at `node`, or return undefined. Pure: no I/O, no prose. */
  detect(node: ts.Node, ctx: AuditContext): Detection | undefined;
}
