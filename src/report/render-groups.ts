// Groups a report's findings under the package they belong to, in the report's own order (the scanner
// sorts packages and findings), so the terminal view is as deterministic as the JSON.
import { countsAsPerCall, type Finding, type PackageReport, type Report } from '../model/report.js';

export interface PackageGroup {
  /** `name@version` */
  label: string;
  /** the scanned package, or undefined when a finding belongs to code outside the scanned packages */
  pkg: PackageReport | undefined;
  root: number;
  /** per-call, not suppressed: what the default view is about */
  perCall: Finding[];
  /** once / init / unknown, dead-branch and suppressed per-call findings (shown with --all) */
  other: Finding[];
}

/**
 * per-call findings that count as such and are not suppressed: what the default view shows. A finding
 * the bench did not see run and the policy does not count (`counted: false`) is shown too, tagged, and
 * left out of the tallies (isLivePerCall).
 */
export function isHeadline(f: Finding): boolean {
  return countsAsPerCall(f) && f.suppressed !== true;
}

const keyOf = (root: number, label: string): string => `${root}\u0000${label}`;

export function groupFindings(report: Report): PackageGroup[] {
  // Insertion into this Map follows report.packages and then report.findings, both sorted arrays, so the
  // Map's iteration order is the report's order, never hash order.
  const groups = new Map<string, PackageGroup>();
  for (const pkg of report.packages) {
    const label = `${pkg.name}@${pkg.version}`;
    const key = keyOf(pkg.root, label);
    // Two folders can hold the same name@version (nested node_modules); findings carry no folder, so
    // they are shown under the first one.
    if (!groups.has(key)) groups.set(key, { label, pkg, root: pkg.root, perCall: [], other: [] });
  }
  for (const f of report.findings) {
    const key = keyOf(f.root, f.package);
    let group = groups.get(key);
    if (group === undefined) {
      // Code reached across packages (a dependency that was not itself scanned): never drop it.
      group = { label: f.package, pkg: undefined, root: f.root, perCall: [], other: [] };
      groups.set(key, group);
    }
    (isHeadline(f) ? group.perCall : group.other).push(f);
  }
  return [...groups.values()];
}
