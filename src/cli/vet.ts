// The `vet` command, beside cli.ts so that file stays a list of commands: its options and a run
// function that returns the exit code. The work is in src/vet/.
import type { Argv } from 'yargs';
import { defaultCacheDir } from '../cache/cache-dir.js';
import { cacheOptions, type CacheArgs } from './cache-options.js';
import { renderProgress } from '../report/render-progress.js';
import { progressLine } from './progress-line.js';
import { writeOutput } from './write-output.js';
import { DEFAULT_THRESHOLD_PCT } from '../diff/compare-benchmarks.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FAIL_ON, type FailOn } from '../policy/exit-code.js';
import { renderColor } from '../report/render-color.js';
import type { Excerpt } from '../report/html/excerpt.js';
import type { RuleInfo } from '../render-inputs/load-rule-info.js';
import { renderVet, VET_FORMATS, type VetFormat } from '../vet/render-vet.js';
import type { VetOptions } from '../vet/vet-package.js';

export interface VetArgs extends CacheArgs {
  spec: string;
  against: string | undefined;
  budgetNs: number | undefined;
  format: VetFormat;
  output: string | undefined;
  bench: boolean;
  offline: boolean;
  /** undefined: the policy file's failOn, else high */
  failOn: FailOn | undefined;
  config: string | undefined;
  thresholdPct: number;
  color: boolean;
  quiet: boolean;
  allowSkipped: boolean;
}

export function vetOptions<T>(y: Argv<T>) {
  return (
    cacheOptions(y)
      .positional('spec', { type: 'string', demandOption: true, describe: 'npm spec (name, name@version, name@tag), a .tgz, or a package folder' })
      .option('against', { type: 'string', requiresArg: true, describe: 'another version (spec, .tgz or folder) to compare with: vets both, then diffs' })
      .option('budget-ns', { type: 'number', requiresArg: true, describe: "fail when a hook's measured overhead per span exceeds N ns (needs the bench)" })
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- yargs types an option by its default: without the assertion the option's type is the literal 'terminal'
      .option('format', { choices: VET_FORMATS, default: 'terminal' as VetFormat, describe: 'output format (html: a self-contained page, use --output)' })
      .option('output', { type: 'string', requiresArg: true, describe: 'write the result to FILE instead of stdout' })
      .option('bench', { type: 'boolean', default: true, describe: 'benchmark the hooks when the bench is available (--no-bench: static only, the package code never runs)' })
      .option('offline', { type: 'boolean', default: false, describe: "no network: npm --offline (its cache), plus this project's node_modules for dependencies" })
      .option('fail-on', { choices: FAIL_ON, describe: "fail on per-call findings at or above this severity (default: the policy file's failOn, else high)" })
      .option('config', { type: 'string', requiresArg: true, describe: 'policy file (default: ./otel-audit.config.json, else the "otel-audit" key of ./package.json)' })
      .option('threshold-pct', { type: 'number', default: DEFAULT_THRESHOLD_PCT, requiresArg: true, describe: 'with --against: relative overhead change that may count as a regression, %' })
      .option('color', { type: 'boolean', default: true, describe: 'colour terminal output on a TTY (--no-color: never)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress on stderr' })
      .option('allow-skipped', { type: 'boolean', default: false, describe: 'files and packages the scan could not analyse (unreadable, too deep, a FIFO) only warn; by default they fail' })
      .check((a) => {
        const budget = a.budgetNs === undefined ? undefined : Number(a.budgetNs);
        if (budget !== undefined && (!Number.isFinite(budget) || budget <= 0)) throw new Error('--budget-ns takes a number of nanoseconds > 0');
        const t = Number(a.thresholdPct);
        if (!Number.isFinite(t) || t < 0) throw new Error('--threshold-pct takes a number ≥ 0');
        return true;
      })
      .epilog(
        [
          'Fetches with your npm (npm pack; your registry configuration applies), never runs install scripts, installs the production dependencies in a temp folder, scans, benches (unless --no-bench), and judges:',
          '  fail  per-call findings at or above --fail-on, or overhead per span over --budget-ns (or a budget of the policy file)',
          '  warn  per-call findings below it (info excepted), an unchecked budget, skipped files, missing dependencies, no hooks',
          '  pass  none of these',
          '',
          'Exit codes:',
          '  0  pass or warn',
          '  1  fail',
          '  2  usage error; the package is not found, not a package or unreadable; internal error',
        ].join('\n'),
      )
  );
}

export async function runVet(a: VetArgs): Promise<number> {
  const progress = progressLine(renderProgress, a.quiet);
  // the same policy file scan reads: its suppressions and budgets apply to what is vetted
  const { loadPolicy } = await import('../policy/config.js');
  const policy = await loadPolicy({ cwd: process.cwd(), file: a.config });
  const failOn = a.failOn ?? policy.config.failOn ?? 'high';
  // html shows the code around each finding: read while the vetted package's temp folder still exists
  const excerpts = a.format === 'html' ? new Map<string, Excerpt>() : undefined;
  const options: VetOptions = {
    policy: { failOn, budgetNs: a.budgetNs ?? null, source: policy.source },
    loadedPolicy: policy,
    allowSkipped: a.allowSkipped,
    policyBudgetNs: (name) => policy.config.packages?.[name]?.maxOverheadNsPerSpan ?? policy.config.maxOverheadNsPerSpan,
    bench: a.bench,
    offline: a.offline,
    cwd: process.cwd(),
    ...(a.cache ? { cache: { dir: a.cacheDir ?? defaultCacheDir() } } : {}),
    ...(excerpts ? { excerpts } : {}),
    ...(progress ? { onStep: (step: string) => progress.update({ phase: `${step}…` }) } : {}),
  };
  // the fetch, sandbox and comparison modules (and semver, tar) load when vet runs, not with every command
  const [{ vetPackage }, { vetAgainst }, { VetInputError }] = await Promise.all([import('../vet/vet-package.js'), import('../vet/vet-against.js'), import('../vet/vet-input-error.js')]);
  let result;
  try {
    result = a.against === undefined ? await vetPackage(a.spec, options) : await vetAgainst(a.spec, a.against, options, a.thresholdPct);
  } catch (err) {
    if (!(err instanceof VetInputError)) throw err;
    progress?.clear();
    process.stderr.write(`otel-audit: ${err.message}\n`);
    return EXIT_ERROR;
  } finally {
    progress?.clear();
  }
  const color = renderColor({ flag: a.color, isTTY: process.stdout.isTTY === true, toFile: a.output !== undefined, env: process.env });
  const text = renderVet(result, a.format, { color, ...(a.format === 'html' ? { html: { ...(await vetHtmlInputs()), ...(excerpts ? { excerpts } : {}) } } : {}) });
  if (!(await writeOutput(text, a.output, a.quiet ? null : `wrote ${a.format} vet result to`, { html: a.format === 'html' }))) return EXIT_ERROR;
  return result.verdict === 'fail' ? EXIT_FINDINGS : EXIT_OK;
}

/** What the HTML page inlines: the viz.js bundle and the rules' titles and fixes (loaded only for html). */
async function vetHtmlInputs(): Promise<{ vizScript: string; rules: RuleInfo[] }> {
  const [{ loadVizScript }, { loadRuleInfo }] = await Promise.all([import('../render-inputs/viz-script.js'), import('../render-inputs/load-rule-info.js')]);
  return { vizScript: loadVizScript(), rules: await loadRuleInfo() };
}
