// `vet` end to end for one package: prepare (fetch / pack, unpack, install dependencies) in a temp
// folder, scan it, bench it when asked and available, judge it. The temp folder is always removed.
import type { Report } from '../report/model.js';
import { preparePackage, type PreparedPackage } from './prepare-package.js';
import { joinBenchInto, runBench, type BenchOutcome } from './run-bench.js';
import { classifyInput } from './vet-input.js';
import type { VetPolicy, VetResult } from './vet-model.js';
import { vetVerdict } from './vet-verdict.js';

export interface VetOptions {
  policy: VetPolicy;
  /** the user's policy file (suppressions, severity overrides, ignores, per-package budgets), applied to the scan */
  applyPolicy?: (report: Report) => Report;
  bench: boolean;
  offline: boolean;
  cwd: string;
  /** test hooks */
  systemTar?: boolean;
  benchModule?: URL;
  onStep?: (step: string) => void;
}

/**
 * Paths in the report are relative to its root; the root is the temp folder, gone after vet. It is
 * named `name@version` instead, which is what a reader recognises (and is stable from run to run).
 */
function relabel(report: Report, pkg: PreparedPackage): Report {
  const label = `${pkg.name}@${pkg.version}`;
  return { ...report, root: label, roots: [label, ...report.roots.slice(1)] };
}

async function benchOf(pkg: PreparedPackage, options: VetOptions): Promise<BenchOutcome> {
  if (!options.bench) return { status: 'skipped', detail: 'bench skipped (--no-bench)' };
  options.onStep?.(`benchmarking ${pkg.name}@${pkg.version}`);
  return runBench([pkg.dir], options.benchModule ? { moduleUrl: options.benchModule } : {});
}

export async function vetPackage(spec: string, options: VetOptions): Promise<VetResult> {
  const input = classifyInput(spec, options.cwd);
  options.onStep?.(`preparing ${spec}`);
  const pkg = await preparePackage(input, { offline: options.offline, cwd: options.cwd, ...(options.systemTar === undefined ? {} : { systemTar: options.systemTar }) });
  try {
    options.onStep?.(`scanning ${pkg.name}@${pkg.version}`);
    const { scan } = await import('../scan.js');
    const scanned = relabel(await scan([pkg.dir]), pkg);
    const bench = await benchOf(pkg, options);
    const joined = await joinBenchInto(scanned, bench);
    const report = options.applyPolicy ? options.applyPolicy(joined) : joined;
    const benchSummary = { status: bench.status, detail: bench.detail };
    const { verdict, reasons } = vetVerdict({ report, bench: benchSummary, dependencies: pkg.dependencies, policy: options.policy });
    return {
      schemaVersion: 1,
      kind: 'otel-audit-vet',
      spec,
      package: { name: pkg.name, version: pkg.version },
      source: pkg.source,
      unpackedWith: pkg.unpackedWith,
      dependencies: pkg.dependencies,
      bench: benchSummary,
      policy: options.policy,
      verdict,
      reasons,
      report,
    };
  } finally {
    pkg.cleanup();
  }
}
