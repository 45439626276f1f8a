// `npm run bench:sandbox [-- --time MS --sample N --startups N]`: what the sandbox (src/sandbox) costs on
// the embedded default (node_modules/@opentelemetry), measured both ways in one invocation. Per package,
// interleaved sandbox, unsafe, unsafe, sandbox (so a machine that slows down part-way weighs on both sides):
// - complete bench() runs (no block coverage, no history, one scan shared by the four): per hook, the
//   ratio sandbox ÷ unsafe of its overhead per span and of its instrumented call time (each side the
//   mean of its two runs), summarised as median, p10 and p90 over hooks;
// - the start-up of a child that loads the package and exits, spawned through the same sandboxedSpawn:
//   median wall time per child with and without the sandbox, and the median difference.
// The claim to check (issue 15): the sandbox costs start-up, not per-call time — a per-hook ratio near 1.
// `--sample N`: every k-th package (sorted by name) so that about N are benched; the output says which.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bench } from '../../bench/run/bench.js';
import { quantile } from '../../bench/timing/run-benny.js';
import type { Benchmark } from '../../model/benchmark.js';
import { sandboxedSpawn } from '../../sandbox/sandboxed-spawn.js';
import { scan } from '../../scan/scan.js';
import { numberOption, runScript } from './script-main.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const EMBEDDED = path.join(REPO, 'node_modules/@opentelemetry');
const STARTUP_CHILD = fileURLToPath(new URL('./startup-child.js', import.meta.url));
/** overheads below this are mostly noise: their ratio says nothing */
const FLOOR_NS = 200;

/** Every k-th of the sorted packages, k chosen so that about `n` remain (all of them when n ≥ their number). */
export function sampleEvery<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  const k = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * k)]!);
}

const ORDER = [true, false, false, true] as const;

async function startupMs(dir: string, sandbox: boolean): Promise<number> {
  const started = performance.now();
  const sb = sandboxedSpawn({ script: STARTUP_CHILD, args: [dir], packages: [dir], stdio: 'ignore', unsafe: !sandbox });
  const code = await new Promise<number | null>((resolve) => {
    sb.child.once('exit', (c) => resolve(c));
    sb.child.once('error', () => resolve(-1));
  });
  const ms = performance.now() - started;
  sb.dispose();
  if (code !== 0) throw new Error(`the start-up child of ${dir} exited with ${code} (${sandbox ? 'sandbox' : 'unsafe'})`);
  return ms;
}

type Figures = Map<string, { overhead: number[]; instrumented: number[] }>;

function collect(into: Figures, benchmarks: readonly Benchmark[]): void {
  const seen = new Map<string, number>();
  for (const b of benchmarks) {
    if (b.status !== 'measured' || b.hook === null || b.untrusted !== undefined) continue;
    // the same target twice in a package (two cases) stays two hooks
    const base = `${b.package} ${b.hook.target}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const key = `${base} #${n}`;
    const f = into.get(key) ?? { overhead: [], instrumented: [] };
    if (b.overheadNsPerSpan !== null) f.overhead.push(b.overheadNsPerSpan);
    if (b.instrumentedNsPerCall !== null) f.instrumented.push(b.instrumentedNsPerCall);
    into.set(key, f);
  }
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const spread = (xs: readonly number[]): string =>
  xs.length === 0 ? 'no hooks' : `median ${quantile(xs, 0.5).toFixed(2)} (p10 ${quantile(xs, 0.1).toFixed(2)}, p90 ${quantile(xs, 0.9).toFixed(2)}) over ${xs.length} hooks`;

function ratios(sandbox: Figures, unsafe: Figures, pick: 'overhead' | 'instrumented', floor: number): number[] {
  const out: number[] = [];
  for (const [key, s] of sandbox) {
    const u = unsafe.get(key);
    // both runs of both sides measured it: a hook measured once on one side would weigh a single run
    if (u === undefined || s[pick].length < 2 || u[pick].length < 2) continue;
    const a = mean(s[pick]);
    const b = mean(u[pick]);
    if (a < floor || b < floor) continue;
    out.push(a / b);
  }
  return out.sort((x, y) => x - y);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const timeMs = numberOption(argv, '--time', 30);
  const startups = Math.floor(numberOption(argv, '--startups', 2));
  const all = readdirSync(EMBEDDED, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const packages = sampleEvery(all, Math.floor(numberOption(argv, '--sample', all.length)));
  const sampled = packages.length < all.length ? `a deterministic sample: every ${(all.length / packages.length).toFixed(1)}-th of ${all.length} packages, sorted by name` : 'all of them';
  process.stderr.write(`bench:sandbox — ${packages.length} packages of the embedded default (${sampled}), --time ${timeMs} ms, per package: sandbox, unsafe, unsafe, sandbox\n`);
  const figures = { sandbox: new Map() as Figures, unsafe: new Map() as Figures };
  const starts = { sandbox: [] as number[], unsafe: [] as number[] };
  const wall = { sandbox: 0, unsafe: 0 };
  const failed = { sandbox: 0, unsafe: 0 };
  const begun = performance.now();
  for (const name of packages) {
    const dir = path.join(EMBEDDED, name);
    const scanned = await scan([dir]);
    for (const sandbox of ORDER) {
      const side = sandbox ? 'sandbox' : 'unsafe';
      const t0 = performance.now();
      const report = await bench([dir], { timeMs, coverage: false, history: null, scanned, unsafeRun: !sandbox });
      wall[side] += performance.now() - t0;
      collect(figures[side], report.benchmarks ?? []);
      failed[side] += report.benchSummary?.failed ?? 0;
      for (let i = 0; i < startups; i++) starts[side].push(await startupMs(dir, sandbox));
    }
    process.stderr.write(`  ${name}: done (${((performance.now() - begun) / 60_000).toFixed(1)} min)\n`);
  }
  const m = (xs: number[]): number => quantile(xs, 0.5);
  const lines = [
    `packages: ${packages.length} of ${all.length} (${sampled}): ${packages.join(', ')}`,
    `per-hook overhead per span, sandbox ÷ unsafe (both ≥ ${FLOOR_NS} ns): ${spread(ratios(figures.sandbox, figures.unsafe, 'overhead', FLOOR_NS))}`,
    `per-hook instrumented call time, sandbox ÷ unsafe: ${spread(ratios(figures.sandbox, figures.unsafe, 'instrumented', 0))}`,
    `start-up per child (spawn to exit, loading the package): sandbox median ${m(starts.sandbox).toFixed(0)} ms, unsafe ${m(starts.unsafe).toFixed(0)} ms (+${(m(starts.sandbox) - m(starts.unsafe)).toFixed(0)} ms) over ${starts.sandbox.length} children each`,
    `bench wall time, all packages: sandbox ${(wall.sandbox / 1000).toFixed(0)} s, unsafe ${(wall.unsafe / 1000).toFixed(0)} s (×${(wall.sandbox / wall.unsafe).toFixed(2)}); failed cases: sandbox ${failed.sandbox}, unsafe ${failed.unsafe}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

runScript('bench:sandbox', main);
