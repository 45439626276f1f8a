// The whole pipeline the CLI runs, as one library function: load the policy, check the paths, scan,
// optionally bench and join, apply the policy, decide the exit code. `otel-audit scan` and `bench`,
// vet and the GitHub Action all go through here, so a library user (a Renovate bot, an editor
// extension) gets exactly the report and the verdict the command line would give.
import path from 'node:path';
import { checkPaths } from '../discover/check-paths.js';
import { withPathErrors } from '../model/path-error.js';
import type { FailOn, Report, ReportError } from '../model/report.js';
import { applyPolicy } from '../policy/apply-policy.js';
import { loadPolicy, NO_POLICY, type LoadedPolicy } from '../policy/config.js';
import { EXIT_ERROR, exitCodeFor, type ExitCode } from '../policy/exit-code.js';
import { parseRuleIds } from '../policy/rule-selection.js';
import type { BenchOptions } from '../bench/protocol/bench-options.js';
import type { BenchCacheStats, CacheStats, ResultCacheOptions } from '../cache/cache-options.js';
import { defaultCacheDir } from '../cache/cache-dir.js';
import type { ScanOptions } from '../scan/scan-options.js';

export interface AuditOptions {
  /** where relative paths, the policy file and profiles are looked up (default: process.cwd()) */
  cwd?: string;
  /**
   * The policy: a loaded one (the Action applies the base branch's to both sides), else the file named
   * by `config`, else otel-audit.config.json / the "otel-audit" key of package.json in `cwd`. `null`: none.
   */
  policy?: LoadedPolicy | null;
  /** `--config FILE` */
  config?: string;
  /** the threshold of the verdict and exit code; default: the policy file's failOn, else none */
  failOn?: FailOn;
  /** `scan` (default), or `bench` alone: no static analysis, only the measured hooks */
  mode?: 'scan' | 'bench';
  /** rule ids (`--rules`), validated against the registry; default every rule */
  rules?: string | readonly string[];
  /** scan options (workers, progress, clock …) */
  scan?: Omit<ScanOptions, 'rules' | 'cache'>;
  /**
   * The result cache of scan and bench (`--cache-dir`, `--no-cache`): packages and bench cases whose
   * inputs did not change since a run that stored them are not analysed or measured again. Default: on,
   * in the user cache folder (OTEL_AUDIT_CACHE_DIR overrides it); false: off.
   */
  cache?: Partial<ResultCacheOptions> | false;
  /** bench the same paths and join (scan --bench); implied by mode 'bench' */
  bench?: BenchOptions | false;
  /**
   * The bench to run instead of this package's own (src/bench/run/bench.ts): vet passes the one it
   * loaded (or a stand-in in its tests). Its result is joined and judged like the real one.
   */
  benchImpl?: (paths: string[], options: BenchOptions) => Promise<Report>;
  /** `YYYY-MM-DD` the suppressions' `until` dates are judged on (default: today, UTC) */
  today?: string;
  /**
   * `--allow-skipped`: packages and files the check could not look at (errors of kind skipped-package,
   * unreadable-file) do not fail a run that has a threshold. By default they do: a package must not
   * dodge the check by making a file unreadable.
   */
  allowSkipped?: boolean;
}

export interface AuditResult {
  /** null when no given path could be read: there is nothing to report (exit 2) */
  report: Report | null;
  exitCode: ExitCode;
  /** the paths that were missing or unreadable (also in the report's errors when there is one) */
  pathErrors: ReportError[];
  /** what the result cache served, when one was used: never in the report, which stays the same */
  cache?: { scan?: CacheStats; bench?: BenchCacheStats };
}

/** Policy problems, unknown rule ids: the caller's mistake, a usage error (exit 2). */
export { UsageError } from '../policy/rule-selection.js';

async function ruleIds(raw: AuditOptions['rules']): Promise<string[] | undefined> {
  if (raw === undefined) return undefined;
  // the registry's metadata, not the detectors: the compiler loads only when a scan runs
  const { RULE_IDS } = await import('../../audits/index.js');
  return parseRuleIds(raw, [...RULE_IDS]);
}

async function policyOf(options: AuditOptions, cwd: string): Promise<LoadedPolicy> {
  if (options.policy === null) return NO_POLICY;
  return options.policy ?? (await loadPolicy({ cwd, file: options.config }));
}

export async function audit(paths: readonly string[], options: AuditOptions = {}): Promise<AuditResult> {
  const cwd = options.cwd ?? process.cwd();
  // before any work: a bad policy file or rule id is a usage error, and should not cost a scan to find out
  const rules = await ruleIds(options.rules);
  const policy = await policyOf(options, cwd);
  const failOn = options.failOn ?? policy.config.failOn ?? 'none';
  // paths are reported as given; with an explicit cwd they are taken relative to it (and made absolute)
  const given = options.cwd === undefined ? paths : paths.map((p) => path.resolve(cwd, p));
  const { readable, errors } = await checkPaths(given);
  if (readable.length === 0) return { report: null, exitCode: EXIT_ERROR, pathErrors: errors };

  const cache: ResultCacheOptions | undefined = options.cache === false ? undefined : { ...options.cache, dir: options.cache?.dir ?? defaultCacheDir() };
  const withCache = <T extends object>(o: T): T & { cache?: ResultCacheOptions } => (cache ? { ...o, cache } : o);
  const benchOptions = options.mode === 'bench' ? options.bench || {} : options.bench;
  const stats: NonNullable<AuditResult['cache']> = {};
  // `scanned`: the scan of the same paths, whose hooks the bench accounts for and whose findings it covers
  const runBench = async (scanned?: Report): Promise<Report> => {
    const bench = options.benchImpl ?? (await import('../bench/run/bench.js')).bench;
    return bench(readable, withCache({ ...(benchOptions || {}), ...(scanned ? { scanned } : {}), onCacheStats: (s: BenchCacheStats) => (stats.bench = s) }));
  };
  let report: Report;
  if (options.mode === 'bench') {
    report = await runBench();
  } else {
    const { scan } = await import('../scan/scan.js');
    // the policy's set-up methods decide hooks' frequency: the analysis needs them, not just the policy step
    const setUpMethods = policy.config.setUpMethods ?? options.scan?.setUpMethods;
    report = await scan(readable, withCache({ ...options.scan, ...(rules ? { rules } : {}), ...(setUpMethods ? { setUpMethods } : {}), onCacheStats: (s: CacheStats) => (stats.scan = s) }));
    if (benchOptions) {
      const { joinBench } = await import('../bench/run/join-bench.js');
      report = joinBench(report, await runBench(report));
    }
  }
  // paths that were missing stay in the report: JSON consumers see why the exit code is 2
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // a bench has no findings to hold against a threshold: only its budgets judge it
  const judged = applyPolicy(withPathErrors(report, errors), policy.config, today, policy.source, options.mode === 'bench' ? 'none' : failOn, options.allowSkipped === true);
  return { report: judged, exitCode: exitCodeFor(judged, judged.policy?.failOn ?? failOn), pathErrors: errors, ...(cache ? { cache: stats } : {}) };
}
