// Pairs of reports for the diff tests: built from the real fixture scan (test/snapshots/tsc-cjs.json)
// so fingerprints see real call paths, then edited the way a pull request edits code — a finding
// added, one removed, lines shifted, a version bumped — plus benchmark entries with noise. Typed all the
// way: the snapshot goes through parseReport (the schema), the entries are Benchmark values.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchStatus } from '../../src/model/benchmark.js';
import { parseReport } from '../../src/model/parse-report.js';
import type { Finding, Report } from '../../src/model/report.js';

const SNAPSHOT = fileURLToPath(new URL('../../../test/snapshots/tsc-cjs.json', import.meta.url));

export function fixtureReport(): Report {
  return parseReport(readFileSync(SNAPSHOT, 'utf8'), SNAPSHOT);
}

/** The same report after an edit that pushed every line of build/src/utils.js down by `by` lines. */
export function shifted(report: Report, by: number, file = 'build/src/utils.js'): Report {
  const move = (f: Finding): Finding => (f.file === file ? { ...f, line: f.line + by, callPath: f.callPath.map((s) => (s.file === file ? { ...s, line: s.line + by } : s)) } : f);
  return { ...report, findings: report.findings.map(move) };
}

/** The same report with the package bumped to `version` (findings and packages). */
export function bumped(report: Report, version: string): Report {
  const name = report.packages[0]!.name;
  return {
    ...report,
    packages: report.packages.map((p) => ({ ...p, version })),
    findings: report.findings.map((f) => ({ ...f, package: `${name}@${version}` })),
  };
}

export function find(report: Report, ruleId: string, operation: string): Finding {
  const f = report.findings.find((x) => x.ruleId === ruleId && x.operation === operation && x.frequency === 'per-call');
  if (!f) throw new Error(`fixture has no per-call ${ruleId} ${operation}`);
  return f;
}

export interface BenchInput {
  target: string;
  status?: BenchStatus;
  overhead: number | null;
  instrumented?: number;
  margin?: number;
  pkg?: string;
}

/** A `benchmarks` entry the way the bench writes it (only the fields diff reads). */
export function bench(b: BenchInput): Benchmark {
  return {
    package: b.pkg ?? 'fixture-tsc-cjs@1.4.0',
    hook: { id: `wrap:${b.target}`, kind: 'wrap', target: b.target },
    status: b.status ?? 'measured',
    reason: b.status === 'failed' ? 'the hook threw' : null,
    spansPerCall: 1,
    baselineNsPerCall: b.overhead === null ? null : (b.instrumented ?? b.overhead + 100) - b.overhead,
    instrumentedNsPerCall: b.overhead === null ? null : (b.instrumented ?? b.overhead + 100),
    unsampledNsPerCall: null,
    overheadNsPerSpan: b.overhead,
    marginPct: b.margin ?? 2,
    samples: 50,
    opsPerCall: {},
  };
}

export function withBenchmarks(report: Report, entries: Benchmark[]): Report {
  return { ...report, benchmarks: entries, reference: { bareSpanNs: 1500 } };
}
