// The calls and `new`s of one file grouped by the name they are written with (`fn(…)`, `obj.fn(…)`,
// `new Cls(…)`, `new ns.Cls(…)`): field-values.ts looks for the sites of one function or class in
// every file of a package, again and again while following values, and a lookup by name replaces a
// walk over every call of the package. Lists keep the file's order, so results do not change.
import { ts } from '../util/ts.cjs';
import { memberName, unwrap } from './module-ref.js';
import { syntaxIndex } from './syntax-index.js';

export interface SitesByName {
  calls: ReadonlyMap<string, readonly ts.CallExpression[]>;
  news: ReadonlyMap<string, readonly ts.NewExpression[]>;
}

const cache = new WeakMap<ts.SourceFile, SitesByName>();

/** The name a callee is written with: an identifier's, or a member access's last name. */
export function writtenName(callee: ts.Expression): string | undefined {
  const e = unwrap(callee);
  return ts.isIdentifier(e) ? e.text : memberName(e);
}

function group<T extends ts.CallExpression | ts.NewExpression>(sites: readonly T[]): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const site of sites) {
    const name = writtenName(site.expression);
    if (name === undefined) continue;
    const list = byName.get(name);
    if (list) list.push(site);
    else byName.set(name, [site]);
  }
  return byName;
}

export function sitesByName(sf: ts.SourceFile): SitesByName {
  let sites = cache.get(sf);
  if (sites) return sites;
  const idx = syntaxIndex(sf);
  sites = { calls: group(idx.calls), news: group(idx.news) };
  cache.set(sf, sites);
  return sites;
}
