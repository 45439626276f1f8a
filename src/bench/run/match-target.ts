// How a static hook target (the scan's: the patched object named as the source names it,
// `pg:moduleExports.prototype.query`, `fs:objectToPatch.*`) names a bench target (where the wrapper sits
// on the module: `pg:prototype.query`). Used to join findings with measured cases (join-bench.ts) and
// to account for every scanned hook in the bench (account-hooks.ts).

function split(target: string): { module: string; members: string[] } {
  const i = target.indexOf(':');
  if (i < 0) return { module: '', members: target.split('.') };
  return { module: target.slice(0, i), members: target.slice(i + 1).split('.') };
}

/** A static module name the analysis could not resolve (`internal_types_1.X`, a template literal, none at all): matches any. */
function unresolved(module: string): boolean {
  return module === '' || /[`${}]/.test(module) || (/^[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$.]*$/.test(module) && !module.includes('/'));
}

const memberMatches = (s: string, b: string): boolean => s === '*' || s === b;

/** How well a static hook target names a bench target: 3 exact, 2+ same module and member (more with each owner that agrees), 1+ with `*`; 0 no. */
export function matchScore(staticTarget: string, benchTarget: string, kind: string): number {
  if (staticTarget === benchTarget) return 3;
  if (kind !== 'wrap') return 0;
  const s = split(staticTarget);
  const b = split(benchTarget);
  if (s.module !== b.module && !unresolved(s.module)) return 0;
  const sm = [...s.members].reverse();
  const bm = [...b.members].reverse();
  if (!memberMatches(sm[0]!, bm[0]!)) return 0;
  // the owners before the member may differ — the source names them by local variables (moduleExports,
  // proto …) — but each one that agrees, from the member outwards, makes the match better
  let owners = 0;
  while (owners + 1 < sm.length && owners + 1 < bm.length && sm[owners + 1] === bm[owners + 1]) owners++;
  return (sm[0] === '*' ? 1 : 2) + owners / 100;
}
