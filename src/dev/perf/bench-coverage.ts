// `npm run bench:coverage [-- PATH… --time MS --rounds N]`: what the block coverage (the bench's last
// phase, cover-packages.ts) adds to a bench's wall time, measured both ways in one invocation: complete
// bench() runs with and without coverage, alternating (with, without, without, with, …) so that a
// machine that slows down part-way weighs on both sides alike, and the coverage phase's own share of
// each run with it. Prints every run, the medians and the ratio against the target (≤ 25% more).
// `--case-timeout MS`, `--probe-timeout MS`: the bench's timeouts, for a loaded machine. Default paths: the bench and runtime fixtures and six instrumentations of the embedded default.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench } from '../../bench/run/bench.js';
import { median } from '../../bench/timing/run-benny.js';
import { numberOption, runScript } from './script-main.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const DEFAULT_PATHS = [
  ...['per-call-read', 'cached-read', 'styles', 'channel', 'nested'].map((f) => path.join(REPO, 'test/fixtures/bench', f)),
  ...['twin-unmemoised', 'twin-memoised', 'computed-call', 'three-hooks', 'drive-to-span'].map((f) => path.join(REPO, 'test/fixtures/runtime', f)),
  ...['pg', 'http', 'mysql', 'ioredis', 'mongodb', 'express'].map((i) => path.join(REPO, 'node_modules/@opentelemetry', `instrumentation-${i}`)),
];
export const MAX_ADDED = 0.25;

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const timeMs = numberOption(argv, '--time', 100);
  const rounds = Math.floor(numberOption(argv, '--rounds', 2));
  // a loaded machine: longer timeouts keep cases from failing on a wait for a core (a failed case is
  // no measured work, and would make the side it fell on look cheaper)
  const timeouts = {
    ...(argv.includes('--case-timeout') ? { caseTimeoutMs: numberOption(argv, '--case-timeout', 0) } : {}),
    ...(argv.includes('--probe-timeout') ? { probeTimeoutMs: numberOption(argv, '--probe-timeout', 0) } : {}),
  };
  const given = argv.filter((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--'));
  const paths = given.length > 0 ? given : DEFAULT_PATHS;
  const runs: Array<{ coverage: boolean; ms: number; coverageMs: number | null; cases: number }> = [];
  process.stderr.write(`bench:coverage — ${paths.length} paths, --time ${timeMs} ms, ${rounds} rounds of (with, without) alternating\n`);
  for (let r = 0; r < rounds; r++) {
    // with, without — then without, with: the order alternates from round to round
    for (const coverage of r % 2 === 0 ? [true, false] : [false, true]) {
      const started = Date.now();
      const report = await bench(paths, { timeMs, coverage, history: null, ...timeouts });
      const ms = Date.now() - started;
      const coverageMs = report.benchSummary?.coverageMs ?? null;
      runs.push({ coverage, ms, coverageMs, cases: report.benchSummary?.cases ?? 0 });
      process.stderr.write(
        `  ${coverage ? 'with   ' : 'without'} coverage: ${s(ms)}${coverageMs !== null ? ` (coverage phase ${s(coverageMs)})` : ''}, ${report.benchSummary?.cases ?? 0} entries, ${report.benchSummary?.measured ?? 0} measured\n`,
      );
    }
  }
  const withMs = median(runs.filter((x) => x.coverage).map((x) => x.ms));
  const withoutMs = median(runs.filter((x) => !x.coverage).map((x) => x.ms));
  const phase = median(runs.filter((x) => x.coverage && x.coverageMs !== null).map((x) => x.coverageMs! / (x.ms - x.coverageMs!)));
  const added = withMs / withoutMs - 1;
  const lines = [
    `with coverage ${s(withMs)}, without ${s(withoutMs)} (medians of ${rounds}): +${(added * 100).toFixed(1)}% wall time — ≤ ${MAX_ADDED * 100}%: ${added <= MAX_ADDED ? 'yes' : 'no'}`,
    `the coverage phase within the runs with it: +${(phase * 100).toFixed(1)}% on the rest of the run (median)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

runScript('bench:coverage', main);
