// The CPU profiles of a report's benchmarked hooks, read defensively for the HTML view: only `bench
// --profile` reports carry them (load-profiles.ts puts them in), and one from another version may hold
// entries this one does not understand. Anything malformed is skipped, never fatal.
import type { Profiler } from 'node:inspector';
import type { Report } from '../../model/report.js';

export interface HookProfile {
  /** what was profiled, e.g. `pkg@1.0.0 wrap:pg:Client.prototype.query` */
  label: string;
  profile: Profiler.Profile;
}

type Loose = Record<string, unknown>;

const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * CPU profiles of benchmarked hooks, when the report carries them: `profiles` as a map from a label
 * (`name@version hookId`, the name `bench --profile` gives its files) to a `.cpuprofile` object (or
 * `{ cpuprofile }`), or as a list of `{ package, hook, cpuprofile }`. Sorted by label.
 */
export function readProfiles(report: Report): HookProfile[] {
  const raw = (report as { profiles?: unknown }).profiles;
  const entries: Array<[string, unknown]> = Array.isArray(raw)
    ? (raw as unknown[]).flatMap((e): Array<[string, unknown]> => (isRecord(e) ? [[listLabel(e), e.cpuprofile ?? e.profile]] : []))
    : isRecord(raw)
      ? Object.entries(raw)
      : [];
  const out: HookProfile[] = [];
  for (const [label, value] of entries) {
    const profile = asProfile(isRecord(value) && !Array.isArray(value.nodes) ? (value.cpuprofile ?? value.profile) : value);
    if (profile !== null && label !== '') out.push({ label, profile });
  }
  return out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function listLabel(e: Loose): string {
  const hook = isRecord(e.hook) ? (str(e.hook.id) ?? str(e.hook.target) ?? '') : (str(e.hook) ?? '');
  return [str(e.package) ?? '', hook].filter((s) => s !== '').join(' ');
}

/** A V8 CPU profile with the fields the views use checked; null when it is not one. */
function asProfile(v: unknown): Profiler.Profile | null {
  if (!isRecord(v) || !Array.isArray(v.nodes)) return null;
  const nodes: Profiler.ProfileNode[] = [];
  for (const n of v.nodes as unknown[]) {
    if (!isRecord(n) || num(n.id) === null || !isRecord(n.callFrame)) return null;
    const f = n.callFrame;
    const children = Array.isArray(n.children) ? (n.children as unknown[]).filter((c): c is number => num(c) !== null) : [];
    nodes.push({
      id: n.id as number,
      callFrame: { functionName: str(f.functionName) ?? '', scriptId: str(f.scriptId) ?? '', url: str(f.url) ?? '', lineNumber: num(f.lineNumber) ?? -1, columnNumber: num(f.columnNumber) ?? -1 },
      children,
      ...(num(n.hitCount) !== null ? { hitCount: n.hitCount as number } : {}),
    });
  }
  // ids that point nowhere would make the analysis dereference missing nodes
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) n.children = n.children!.filter((c) => ids.has(c));
  const samples = Array.isArray(v.samples) ? (v.samples as unknown[]).filter((s): s is number => typeof s === 'number' && ids.has(s)) : undefined;
  return { nodes, startTime: num(v.startTime) ?? 0, endTime: num(v.endTime) ?? 0, ...(samples ? { samples } : {}) };
}
