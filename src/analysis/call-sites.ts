// Where a function is called from, within one package: a name index of the package's calls (syntax
// only, built once) narrows the search, then only the candidates are resolved. A constructor's sites
// are the `new`s that run it (also of subclasses passing their arguments on) and `super(…)` calls.
// Set-up reachability climbs these edges backwards; hook discovery lifts a registration made inside
// a helper (`subscribe(name, fn)` in `addSub(name, fn)`) to the helper's callers.
import { ts } from '../util/ts.cjs';
import type { CallGraph } from './call-graph.js';
import { calledName } from './function-name.js';
import { memberName, unwrap } from './module-ref.js';
import type { Runner } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';

export type Call = ts.CallExpression | ts.NewExpression;

/** Names a call is indexed under: its callee, `fn` of `fn.call/apply/bind`, and callbacks handed over by name. */
function calleeNames(call: Call): string[] {
  const names: string[] = [];
  const add = (e: ts.Expression): void => {
    const u = unwrap(e);
    const n = ts.isIdentifier(u) ? u.text : memberName(u);
    if (n) names.push(n);
    if ((n === 'call' || n === 'apply' || n === 'bind') && ts.isPropertyAccessExpression(u)) add(u.expression);
  };
  add(call.expression);
  for (const a of call.arguments ?? []) add(a);
  return names;
}

/** The name a function (or a class, for its field initialisers) is known by at its call or `new` sites. */
export const nameOf = calledName;

export class CallSites {
  private byName: Map<string, Call[]> | undefined;
  private supers: Call[] | undefined;
  private readonly memo = new Map<Runner, Call[]>();

  constructor(
    private readonly graph: CallGraph,
    private readonly indexes: SyntaxIndex[],
  ) {}

  /** Calls and `new`s of the package that mention `name` as callee or callback. */
  callsNamed(name: string): Call[] {
    if (!this.byName) {
      this.byName = new Map();
      this.supers = [];
      for (const idx of this.indexes) {
        for (const call of [...idx.calls, ...idx.news]) {
          if (call.expression.kind === ts.SyntaxKind.SuperKeyword) this.supers.push(call);
          for (const n of calleeNames(call)) {
            const list = this.byName.get(n);
            if (list) list.push(call);
            else this.byName.set(n, [call]);
          }
        }
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** Calls that invoke `fn` itself (not as a callback): what a parameter of `fn` receives, argument by argument. */
  of(fn: Runner): Call[] {
    const known = this.memo.get(fn);
    if (known) return known;
    const found: Call[] = [];
    if (ts.isConstructorDeclaration(fn)) {
      // `new Sub(…)` runs the base constructor when Sub has none: look at every `new` and super call
      this.callsNamed('');
      for (const idx of this.indexes) for (const n of idx.news) if (this.graph.direct(n).includes(fn)) found.push(n);
      for (const s of this.supers ?? []) if (this.graph.direct(s).includes(fn)) found.push(s);
    } else if (!ts.isClassLike(fn)) {
      const name = nameOf(fn);
      for (const call of name ? this.callsNamed(name) : []) if (this.graph.direct(call).includes(fn)) found.push(call);
    }
    this.memo.set(fn, found);
    return found;
  }
}
