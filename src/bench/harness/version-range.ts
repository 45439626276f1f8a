// Just enough semver for module definitions' `supportedVersions`: does an installed version satisfy
// them (then the real module gives the mock its shape), and which version to hand `patch` when the
// module is not installed (patches branch on it: the lowest version of the newest supported range, so
// the branch current users run is the one measured). No dependency: `semver` is not ours to require.

type Version = [number, number, number];
interface Comparator {
  op: '>=' | '>' | '<' | '<=' | '=';
  v: Version;
}

function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+|x|X|\*))?(?:\.(\d+|x|X|\*))?/.exec(text.trim());
  if (!m) return undefined;
  const n = (s: string | undefined): number => (s === undefined || /^[xX*]$/.test(s) ? 0 : Number(s));
  return [Number(m[1]), n(m[2]), n(m[3])];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** how many numeric parts an x-range gives (`1` → 1, `1.2` → 2, `1.2.x` → 2, `1.2.3` → 3) */
function precision(text: string): number {
  return text.replace(/^v/, '').split('.').filter((p) => /^\d+$/.test(p)).length;
}

function bump(v: Version, part: number): Version {
  if (part === 0) return [v[0] + 1, 0, 0];
  if (part === 1) return [v[0], v[1] + 1, 0];
  return [v[0], v[1], v[2] + 1];
}

/** One comparator token (`^1.2.3`, `>=2`, `1.x`, `*`) as plain comparators. */
function comparators(token: string): Comparator[] {
  const m = /^(\^|~>?|>=|<=|>|<|=)?\s*(.*)$/.exec(token.trim());
  if (!m) return [];
  const op = m[1] ?? '';
  const rest = m[2] ?? '';
  if (rest === '' || /^[xX*]$/.test(rest)) return [];
  const v = parseVersion(rest);
  if (!v) return [];
  const p = precision(rest);
  switch (op) {
    case '^': {
      const part = v[0] > 0 || p === 1 ? 0 : v[1] > 0 || p === 2 ? 1 : 2;
      return [{ op: '>=', v }, { op: '<', v: bump(v, part) }];
    }
    case '~':
    case '~>':
      return [{ op: '>=', v }, { op: '<', v: bump(v, p >= 2 ? 1 : 0) }];
    case '>=':
    case '>':
    case '<=':
      return [{ op, v }];
    case '<':
      return [{ op: '<', v }];
    default:
      // a bare or `=` version: exact when complete, an x-range otherwise
      return p >= 3 ? [{ op: '=', v }] : [{ op: '>=', v }, { op: '<', v: bump(v, p - 1) }];
  }
}

/** A range as alternatives (`||`), each a list of comparators that must all hold. */
function parseRange(range: string): Comparator[][] {
  return range.split('||').map((alt) => {
    const text = alt.trim().replace(/(>=|<=|>|<|=|\^|~>?)\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) return [...comparators(`>=${hyphen[1]}`), ...comparators(`<=${hyphen[2]}`)];
    return text.split(/\s+/).filter((t) => t !== '').flatMap(comparators);
  });
}

function holds(v: Version, c: Comparator): boolean {
  const d = compare(v, c.v);
  switch (c.op) {
    case '>=':
      return d >= 0;
    case '>':
      return d > 0;
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '=':
      return d === 0;
  }
}

export function satisfies(version: string, ranges: readonly string[]): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return ranges.some((r) => parseRange(r).some((alt) => alt.every((c) => holds(v, c))));
}

/** The lowest version an alternative admits (its greatest lower bound), if it admits any. */
function lowest(alt: Comparator[]): Version | undefined {
  let low: Version = [0, 0, 0];
  for (const c of alt) {
    const candidate = c.op === '>' ? bump(c.v, 2) : c.op === '>=' || c.op === '=' ? c.v : undefined;
    if (candidate && compare(candidate, low) > 0) low = candidate;
  }
  return alt.every((c) => holds(low, c)) ? low : undefined;
}

/**
 * The version to patch with when the module is not installed: the lowest version of the newest
 * alternative. An open range (`*`) gets 1.0.0 rather than 0.0.0, which patches treat as pre-release.
 */
export function pickVersion(ranges: readonly string[]): string {
  let best: Version | undefined;
  for (const r of ranges) {
    for (const alt of parseRange(r)) {
      const low = lowest(alt);
      if (low && (best === undefined || compare(low, best) > 0)) best = low;
    }
  }
  if (best !== undefined && compare(best, [0, 0, 0]) > 0) return best.join('.');
  return satisfies('1.0.0', ranges) || ranges.length === 0 ? '1.0.0' : '0.0.0';
}
