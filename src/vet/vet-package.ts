// `vet` end to end for one package: prepare (fetch / pack, unpack, install dependencies) in a temp
// folder, audit it with the library's audit() — the scan, the bench when asked and available, the
// policy, as `scan --bench` would — and judge it. The temp folder is always removed.
import type { Excerpt } from '../report/html/excerpt.js';
import type { Report, ReportError } from '../model/report.js';
import type { AuditOptions } from '../api/audit.js';
import type { LoadedPolicy } from '../policy/config.js';
import type { ResultCacheOptions } from '../cache/cache-options.js';
import { preparePackage, type PreparedPackage } from './prepare-package.js';
import { benchOutcomeOf, loadBench, type BenchOutcome } from './run-bench.js';
import { classifyInput } from './vet-input.js';
import type { VetPolicy, VetResult } from './vet-model.js';
import { vetVerdict } from './vet-verdict.js';

export interface VetOptions {
  policy: VetPolicy;
  /** the user's policy file (suppressions, severity overrides, ignores, per-package budgets), applied to the scan; default none */
  loadedPolicy?: LoadedPolicy;
  /** `--allow-skipped`: files and packages the scan could not look at only warn (by default they fail, as in scan) */
  allowSkipped?: boolean;
  /** `YYYY-MM-DD` the policy's suppressions are judged on (default: today) */
  today?: string;
  /** the policy file's overhead budget for a package name, if it sets one (said in the verdict) */
  policyBudgetNs?: (packageName: string) => number | undefined;
  bench: boolean;
  offline: boolean;
  cwd: string;
  /** the result cache for the scan and the bench (a package vetted before is served from it) */
  cache?: ResultCacheOptions;
  /**
   * html: filled with the code excerpts of the vetted package's findings, read before its temp folder
   * goes (keys as the page looks them up: under the report's `name@version` root)
   */
  excerpts?: Map<string, Excerpt>;
  /** test hooks */
  benchModule?: URL;
  onStep?: (step: string) => void;
}

/**
 * Paths in the report are relative to its root; the root is the temp folder, gone after vet. It is
 * named `name@version` instead, which is what a reader recognises (and is stable from run to run).
 */
function relabel(report: Report, pkg: PreparedPackage): Report {
  const label = `${pkg.name}@${pkg.version}`;
  return { ...tidyDependencyPaths(report), root: label, roots: [label, ...report.roots.slice(1)] };
}

/**
 * The dependencies are installed above the package folder (see install-dependencies.ts), so files in
 * them come out of the scan as `../../node_modules/x/…` (or, from the project linked in with --offline,
 * by its real path): meaningless once the temp folder is gone and the root is `name@version`. They
 * read as what they are, the package's `node_modules/x/…`.
 */
function tidy(file: string): string {
  if (!file.startsWith('../')) return file;
  // the first node_modules segment: the installed one above the package, or the linked project's (its realpath)
  const at = file.startsWith('../node_modules/') ? 3 : file.indexOf('/node_modules/') + 1;
  return at > 0 ? file.slice(at) : file;
}

function tidyDependencyPaths(report: Report): Report {
  const place = <T extends { file: string }>(p: T): T => ({ ...p, file: tidy(p.file) });
  return {
    ...report,
    dependencyFiles: report.dependencyFiles.map(tidy),
    findings: report.findings.map((f) => ({
      ...place(f),
      original: f.original ? place(f.original) : f.original,
      callPath: f.callPath.map((step) => ({ ...place(step), ...(step.original ? { original: place(step.original) } : {}) })),
    })),
    errors: report.errors.map((e) => (e.file === null ? e : place(e as ReportError & { file: string }))),
  };
}

/**
 * The package audited as `scan --bench` would be: scan, bench (when asked and loadable) and join, the
 * policy. A bench that fails is an outcome said in the verdict, not the end of vet: the package is then
 * audited without it.
 */
async function audited(pkg: PreparedPackage, options: VetOptions): Promise<{ report: Report; bench: BenchOutcome }> {
  const { audit } = await import('../api/audit.js');
  const run = async (bench: AuditOptions['bench'], benchImpl?: AuditOptions['benchImpl']): Promise<Report> => {
    const r = await audit([pkg.dir], {
      cwd: options.cwd,
      policy: options.loadedPolicy ?? null,
      failOn: options.policy.failOn,
      bench,
      ...(benchImpl ? { benchImpl } : {}),
      cache: options.cache ?? false,
      allowSkipped: options.allowSkipped === true,
      ...(options.today ? { today: options.today } : {}),
    });
    if (r.report === null) throw new Error(`${pkg.dir}: the unpacked package could not be read`);
    return r.report;
  };
  if (!options.bench) return { report: await run(false), bench: { status: 'skipped', detail: 'bench skipped (--no-bench)' } };
  const impl = await loadBench(options.benchModule);
  if (typeof impl === 'string') return { report: await run(false), bench: { status: 'not-available', detail: impl } };
  options.onStep?.(`scanning and benchmarking ${pkg.name}@${pkg.version}`);
  try {
    const report = await run({}, impl as AuditOptions['benchImpl']);
    return { report, bench: benchOutcomeOf(report) };
  } catch (err) {
    return { report: await run(false), bench: { status: 'failed', detail: `bench failed: ${(err as Error).message}` } };
  }
}

export async function vetPackage(spec: string, options: VetOptions): Promise<VetResult> {
  const input = classifyInput(spec, options.cwd);
  options.onStep?.(`preparing ${spec}`);
  const pkg = await preparePackage(input, { offline: options.offline, cwd: options.cwd });
  try {
    options.onStep?.(`scanning ${pkg.name}@${pkg.version}`);
    const { report: raw, bench } = await audited(pkg, options);
    const report = relabel(raw, pkg);
    if (options.excerpts) {
      const { loadFindingExcerpts } = await import('../render-inputs/load-excerpts.js');
      for (const [key, excerpt] of loadFindingExcerpts([{ roots: report.roots, findings: report.findings, readRoots: [pkg.dir] }])) options.excerpts.set(key, excerpt);
    }
    const benchSummary = { status: bench.status, detail: bench.detail };
    const policyBudgetNs = options.policyBudgetNs?.(pkg.name);
    const policy = policyBudgetNs === undefined ? options.policy : { ...options.policy, policyBudgetNs };
    const { verdict, reasons } = vetVerdict({ report, bench: benchSummary, dependencies: pkg.dependencies, policy });
    return {
      schemaVersion: 1,
      kind: 'otel-audit-vet',
      spec,
      package: { name: pkg.name, version: pkg.version },
      source: pkg.source,
      unpackedWith: pkg.unpackedWith,
      dependencies: pkg.dependencies,
      bench: benchSummary,
      policy,
      verdict,
      reasons,
      report,
    };
  } finally {
    pkg.cleanup();
  }
}
