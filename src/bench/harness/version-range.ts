// Module definitions' `supportedVersions`, read with npm's `semver` as InstrumentationBase reads them:
// does an installed version satisfy them (then the real module gives the mock its shape), and which
// version to hand `patch` when the module is not installed (patches branch on it: the lowest version of
// the newest supported range, so the branch current users run is the one measured).
//
// Semantics are semver's, so the harness patches what an application would:
// - prereleases: `2.1.0-beta.1` satisfies `^2.0.0` only with the definition's `includePrerelease`
//   (InstrumentationBase passes that flag to `satisfies`); `2.0.0-beta.1` never does (it is below 2.0.0);
// - an unparsable range matches no version (semver and InstrumentationBase, which would then never
//   patch the module, agree) and offers no version to patch with: it is skipped. When no range of a
//   definition parses, the module is patched with 1.0.0, as for an open range.
import semver from 'semver';

/** The version to patch with when no range says anything (`*`, or nothing parsable). */
const OPEN_RANGE_VERSION = '1.0.0';

export function satisfies(version: string, ranges: readonly string[], options: { includePrerelease?: boolean } = {}): boolean {
  if (semver.valid(version) === null) return false;
  return ranges.some((r) => semver.validRange(r) !== null && semver.satisfies(version, r, { includePrerelease: options.includePrerelease === true }));
}

/** Each `||` alternative of each parsable range, as a range of its own. */
function alternatives(ranges: readonly string[]): string[] {
  return ranges.flatMap((r) => (semver.validRange(r) === null ? [] : semver.toComparators(r).map((set) => set.join(' '))));
}

/**
 * The version to patch with when the module is not installed: the lowest version of the newest
 * alternative. An open range (`*`) gets 1.0.0 rather than 0.0.0, which patches treat as pre-release.
 */
export function pickVersion(ranges: readonly string[]): string {
  let best: semver.SemVer | undefined;
  for (const alt of alternatives(ranges)) {
    const low = semver.minVersion(alt);
    if (low !== null && (best === undefined || semver.gt(low, best))) best = low;
  }
  if (best !== undefined && semver.gt(best, '0.0.0')) return best.version;
  if (best === undefined) return OPEN_RANGE_VERSION;
  return satisfies(OPEN_RANGE_VERSION, ranges) ? OPEN_RANGE_VERSION : best.version;
}

/** How many majors of one alternative are tried: an open range (`>=1`) would otherwise have no end. */
const MAX_MAJORS = 6;
/** A version late in a major: patches that branch on a minor (`minor >= 21` of one major) take that branch there. */
const LATE = '99.99';

/**
 * Every version worth patching a mocked module with, pickVersion's first. A patch often branches on the
 * version it is given (`if (version >= 8.21) wrap(updateOne)`, `startsWith('1.0.') ? 'extendWithCommands'
 * : 'attachCommands'`), and a definition's files may support fewer versions than the definition: patched
 * with one version only, whatever the other branches wrap is never listed. So: the lowest version and a
 * late one of each major every alternative spans (up to MAX_MAJORS per alternative), newest first, each
 * once and each satisfying its alternative.
 */
export function patchVersions(ranges: readonly string[]): string[] {
  const found = new Map<string, semver.SemVer>();
  for (const alt of alternatives(ranges)) {
    const low = semver.minVersion(alt);
    if (low === null) continue;
    for (let major = low.major; major < low.major + MAX_MAJORS; major++) {
      const first = major === low.major ? low.version : `${major}.0.0`;
      if (!semver.satisfies(first, alt)) break;
      for (const v of [first, `${major}.${LATE}`]) if (semver.satisfies(v, alt) && !found.has(v)) found.set(v, new semver.SemVer(v));
    }
  }
  const first = pickVersion(ranges);
  const rest = [...found.values()]
    .filter((v) => v.version !== first)
    .sort((a, b) => semver.rcompare(a, b))
    .map((v) => v.version);
  return [first, ...rest];
}
