// A CPU profile as read from a file (`bench --profile` writes them; `load` will too): the fields the
// views use, checked, or null when it is not a V8 profile. Files are untrusted input (another version,
// a hand-edited report's neighbour), so anything malformed is refused here rather than crashing a view.
import type { Profiler } from 'node:inspector';

/** A profiled hook: what was profiled (`pkg@1.0.0 wrap:pg:Client.prototype.query`) and its profile. */
export interface HookProfile {
  label: string;
  profile: Profiler.Profile;
}

type Loose = Record<string, unknown>;

const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A V8 CPU profile with the fields the views use checked; null when it is not one. */
export function asProfile(v: unknown): Profiler.Profile | null {
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
