// Assembles the Report from per-package results, whichever thread produced them: de-duplicates,
// sorts (package, file, line), relativises error paths and counts. Deterministic by construction:
// nothing here depends on the order results arrived in.
import path from 'node:path';
import { costTable } from '../calibrate/cost-table.js';
import type { Finding, Report, ReportError } from '../model/report.js';
import { findingCounts } from '../model/summary.js';
import { TOOL_VERSION } from '../util/version.js';
import type { AnalyserState, PackageResult } from './package-analyser.js';
import { relativeTo, rootIndexOf } from './paths.js';
import type { ScanPlan } from './plan.js';

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.package.localeCompare(b.package) ||
    a.root - b.root ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.reachedFrom ?? '').localeCompare(b.reachedFrom ?? '')
  );
}

const onHookPath = (f: Finding): boolean => f.frequency === 'per-call' || f.frequency === 'once';
const siteKey = (f: Finding): string => `${f.root}\0${f.file}\0${f.line}\0${f.column}\0${f.ruleId}`;

export function mergeReport(plan: ScanPlan, results: PackageResult[], states: AnalyserState[], durationMs: number): Report {
  const packages = results.map((r) => r.pkg).sort((a, b) => a.name.localeCompare(b.name) || a.root - b.root || a.dir.localeCompare(b.dir));
  const all = results.flatMap((r) => r.findings);
  // Code reached per call from another scanned package is per-call, whatever its own package's
  // analysis said (a helper called from both setup and per-call code is per-call).
  const onHook = new Set(all.filter(onHookPath).map(siteKey));
  const findings = all.filter((f) => onHookPath(f) || !onHook.has(siteKey(f))).sort(compareFindings);

  // every analyser that read a broken file says so: one error per file and reason. An error without a
  // file is a package's own (skipped, unreadable manifest): two packages skipped for the same reason are
  // two errors, or the second would vanish from the report
  const seen = new Set<string>();
  const errors: ReportError[] = [];
  for (const e of [...plan.errors, ...states.flatMap((s) => s.errors)]) {
    let err = e;
    if (e.file && path.isAbsolute(e.file)) {
      const root = rootIndexOf(plan.roots, e.file);
      err = { ...e, root, file: relativeTo(plan.roots[root]!, e.file) };
    }
    const key = `${err.kind}\0${err.root ?? ''}\0${err.file ?? `package:${err.package ?? ''}`}\0${err.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(err);
  }
  errors.sort(
    (a, b) =>
      (a.package ?? '').localeCompare(b.package ?? '') ||
      (a.root ?? -1) - (b.root ?? -1) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.kind.localeCompare(b.kind) ||
      a.message.localeCompare(b.message),
  );

  const parsed = new Map<string, number>();
  for (const s of states) for (const p of s.parsed) parsed.set(p.path, p.bytes);
  const pkgFiles = new Set(packages.flatMap((p) => p.files.map((f) => path.resolve(plan.roots[p.root]!, f))));
  const dependencyFiles = [...parsed.keys()]
    .filter((f) => !pkgFiles.has(f))
    .map((f) => relativeTo(plan.roots[0] ?? '.', f))
    .sort();

  return {
    schemaVersion: 1,
    tool: { name: 'otel-audit', version: TOOL_VERSION },
    root: plan.paths[0] ?? '.',
    roots: plan.paths,
    costTable: costTable().source,
    packages,
    dependencyFiles,
    findings,
    errors,
    summary: {
      packages: packages.length,
      files: new Set(packages.flatMap((p) => p.files.map((f) => `${p.root}:${f}`))).size,
      parsedFiles: parsed.size,
      bytes: [...parsed.values()].reduce((a, b) => a + b, 0),
      hooks: packages.reduce((n, p) => n + p.hooks.length, 0),
      ...findingCounts(findings),
      errors: errors.length,
      durationMs,
    },
  };
}
