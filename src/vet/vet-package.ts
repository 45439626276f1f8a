// `vet` end to end for one package: prepare (fetch / pack, unpack, install dependencies) in a temp
// folder, scan it, bench it when asked and available, judge it. The temp folder is always removed.
import type { Excerpt } from '../report/html/excerpt.js';
import type { Report, ReportError } from '../model/report.js';
import type { ResultCacheOptions } from '../cache/cache-options.js';
import { preparePackage, type PreparedPackage } from './prepare-package.js';
import { joinBenchInto, runBench, type BenchOutcome } from './run-bench.js';
import { classifyInput } from './vet-input.js';
import type { VetPolicy, VetResult } from './vet-model.js';
import { vetVerdict } from './vet-verdict.js';

export interface VetOptions {
  policy: VetPolicy;
  /** the user's policy file (suppressions, severity overrides, ignores, per-package budgets), applied to the scan */
  applyPolicy?: (report: Report) => Report;
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
 * them come out of the scan as `../../node_modules/x/…`: meaningless once the temp folder is gone and
 * the root is `name@version`. They read as what they are, the package's `node_modules/x/…`.
 */
const tidy = (file: string): string => file.replace(/^(?:\.\.\/)+(?=node_modules\/)/, '');

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

async function benchOf(pkg: PreparedPackage, options: VetOptions): Promise<BenchOutcome> {
  if (!options.bench) return { status: 'skipped', detail: 'bench skipped (--no-bench)' };
  options.onStep?.(`benchmarking ${pkg.name}@${pkg.version}`);
  return runBench([pkg.dir], { ...(options.benchModule ? { moduleUrl: options.benchModule } : {}), ...(options.cache ? { benchOptions: { cache: options.cache } } : {}) });
}

export async function vetPackage(spec: string, options: VetOptions): Promise<VetResult> {
  const input = classifyInput(spec, options.cwd);
  options.onStep?.(`preparing ${spec}`);
  const pkg = await preparePackage(input, { offline: options.offline, cwd: options.cwd });
  try {
    options.onStep?.(`scanning ${pkg.name}@${pkg.version}`);
    const { scan } = await import('../scan/scan.js');
    const scanned = relabel(await scan([pkg.dir], options.cache ? { cache: options.cache } : {}), pkg);
    const bench = await benchOf(pkg, options);
    const joined = await joinBenchInto(scanned, bench);
    const report = options.applyPolicy ? options.applyPolicy(joined) : joined;
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
