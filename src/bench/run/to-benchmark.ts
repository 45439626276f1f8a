// Child answers → report entries: the Benchmark model (src/model/report.ts), rounded to what a
// benchmark can tell (whole nanoseconds, three decimals of counts), with call sites made relative to
// the package's root like every other path in a report.
import type { Benchmark, HookRef, SourceLocation } from '../../model/report.js';
import { relativeTo } from '../../scan/paths.js';
import type { CaseSpec, Measurement, OpSite, PackageNote, ProfileFiles } from '../protocol/child-protocol.js';

const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** The figures of an entry that was not measured. */
export const EMPTY = {
  spansPerCall: null,
  baselineNsPerCall: null,
  instrumentedNsPerCall: null,
  unsampledNsPerCall: null,
  overheadNsPerSpan: null,
  marginPct: null,
  samples: null,
  opsPerCall: {},
} as const;

export function hookRef(spec: CaseSpec, id: string): HookRef {
  return { id, kind: spec.kind, target: spec.target };
}

function patched(spec: CaseSpec): Pick<Benchmark, 'patched'> {
  return spec.kind === 'wrap' ? { patched: { module: spec.module, mock: spec.mock } } : {};
}

export function noteEntry(pkg: string, note: PackageNote): Benchmark {
  return { package: pkg, hook: null, status: note.status, reason: note.reason, ...EMPTY };
}

export function failedEntry(pkg: string, spec: CaseSpec, id: string, reason: string): Benchmark {
  return { package: pkg, hook: hookRef(spec, id), status: 'failed', reason, ...EMPTY, ...patched(spec) };
}

/** A case that could not run here (a scenario whose packages are not installed), with the reason. */
export function skippedEntry(pkg: string, spec: CaseSpec, id: string, reason: string): Benchmark {
  return { package: pkg, hook: hookRef(spec, id), status: 'skipped', reason, ...EMPTY };
}

function sites(raw: Record<string, OpSite>, root: string): Record<string, SourceLocation> {
  return Object.fromEntries(Object.entries(raw).map(([op, s]) => [op, { file: relativeTo(root, s.file), line: s.line }]));
}

/** profile files as the report names them: relative to the run's working directory, with forward slashes */
function profileRef(files: ProfileFiles, cwd: string): NonNullable<Benchmark['profile']> {
  return { cpuprofile: relativeTo(cwd, files.cpuprofile), top: relativeTo(cwd, files.top), dot: relativeTo(cwd, files.dot) };
}

/**
 * What the case's spec adds to the measuring child's remark: a case with `parentSpan` ran inside a
 * sampled parent span (subjects.ts), plain and hooked calls alike — its figures are those of a call
 * made in a trace, and the reader should know they were not taken at the root.
 */
export function parentSpanRemark(spec: CaseSpec): string | null {
  return spec.kind === 'wrap' && spec.parentSpan === true ? 'ran inside a sampled parent span (it starts no span without an active one)' : null;
}

/** A scenario's entry says what one call was: a real request, not a mock's. */
function scenarioRemark(spec: CaseSpec): string | null {
  return spec.kind === 'scenario' ? `scenario (real target): ${spec.description}` : null;
}

function reasonOf(spec: CaseSpec, note: string | null): string | null {
  const remarks = [scenarioRemark(spec), note, parentSpanRemark(spec)].filter((r): r is string => r !== null);
  return remarks.length === 0 ? null : remarks.join('; ');
}

export function measuredEntry(pkg: string, spec: CaseSpec, id: string, m: Measurement, root: string, cwd: string = process.cwd()): Benchmark {
  const perSpan = m.spansPerCall > 0 ? m.spansPerCall : 1;
  const ops = Object.fromEntries(Object.entries(m.opsPerCall).map(([op, n]) => [op, round(n, 3)]));
  return {
    package: pkg,
    hook: hookRef(spec, id),
    status: 'measured',
    reason: reasonOf(spec, m.note),
    spansPerCall: round(m.spansPerCall, 3),
    baselineNsPerCall: round(m.baseline.nsPerCall),
    instrumentedNsPerCall: round(m.instrumented.nsPerCall),
    unsampledNsPerCall: m.unsampled === null ? null : round(m.unsampled.nsPerCall),
    overheadNsPerSpan: round((m.instrumented.nsPerCall - m.baseline.nsPerCall) / perSpan),
    marginPct: round(m.instrumented.marginPct, 2),
    samples: m.instrumented.samples,
    opsPerCall: ops,
    opSites: sites(m.opSites, root),
    bareSpanNs: round(m.bareSpan.nsPerCall),
    callStyle: m.style,
    ...patched(spec),
    // hooks that start spans themselves (not SDK methods, not scenarios): reached or not, and how;
    // what stopped one that did not is the scan's to say (account-hooks.ts)
    ...(m.drive !== undefined ? { spanPath: { reached: m.spansPerCall > 0, drive: m.drive, condition: null } } : {}),
    ...(m.profileFiles ? { profile: profileRef(m.profileFiles, cwd) } : {}),
  };
}

/** Hook ids as the scan writes them (`wrap:pg:Client.prototype.query`), made unique within a package. */
export function hookIds(specs: readonly CaseSpec[]): string[] {
  const seen = new Map<string, number>();
  return specs.map((s) => {
    const base = `${s.kind}:${s.target}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
