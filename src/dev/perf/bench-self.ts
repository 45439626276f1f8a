// `npm run bench:self`: checks the bench harness against fixtures of known cost. Two fixture
// instrumentations patch the same installed target (test/fixtures/bench/node_modules/fake-target):
// one reads and parses its package.json on every call, its twin reads it once. Both are benched twice,
// and the script prints the overhead per span of each, their difference (must be ≥ 5 µs), the operations
// counted per call (one read against none) and the run-to-run difference of every hook above 1 µs
// (must be within 15%). It exits non-zero only when it cannot run; a missed target is printed as such.
//
// Each run is a complete bench() of its own (its own child processes); the two run one after the other.
// By default a run measures one case at a time, for 2 s a variant: two bench children side by side on a
// 2-core machine slow each other down through the core resources they share (up to 1.6× in CPU time,
// for the whole life of a case), and a long window gives every case quiet rounds for its figure (the
// fastest round, run-benny.ts) to come from; a case that went through a slow spell longer than its
// window anyway is measured again by bench() itself (slow-spell.ts), and marked * here.
// `--time MS` and `--concurrency N` check other settings.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench } from '../../bench/run/bench.js';
import type { Benchmark, Report } from '../../model/report.js';
import { formatNs } from '../../util/format-ns.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = path.join(REPO, 'test/fixtures/bench');
const HOOKS = [
  { fixture: 'per-call-read', name: 'bench-fixture-per-call-read' },
  { fixture: 'cached-read', name: 'bench-fixture-cached-read' },
] as const;
const TARGET = 'fake-target:Client.prototype.query';
const MIN_DIFFERENCE_NS = 5_000;
const MAX_RUN_TO_RUN = 0.15;
const RUNS = 2;
const TIME_MS = 2_000;
const CONCURRENCY = 1;

function argNumber(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} takes a positive number`);
  return n;
}

function hookOf(report: Report, name: string): Benchmark {
  const b = report.benchmarks?.find((x) => x.package.startsWith(`${name}@`) && x.hook?.target === TARGET);
  if (b === undefined) throw new Error(`${name}: no bench entry for ${TARGET}`);
  if (b.status !== 'measured' || b.overheadNsPerSpan === null) throw new Error(`${name}: ${b.status}: ${b.reason ?? 'no figure'}`);
  return b;
}

const ns = (n: number): string => formatNs(n).padStart(9);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ops = (b: Benchmark): string => {
  const list = Object.entries(b.opsPerCall).filter(([, n]) => n > 0);
  return list.length === 0 ? 'none' : list.map(([op, n]) => `${op} ${n}`).join(', ');
};

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const timeMs = argNumber(argv, '--time', TIME_MS);
  const concurrency = Math.floor(argNumber(argv, '--concurrency', CONCURRENCY));
  const dirs = HOOKS.map((h) => path.join(FIXTURES, h.fixture));
  const runs: Benchmark[][] = [];
  const bare: Array<number | null> = [];
  for (let r = 0; r < RUNS; r++) {
    const report = await bench(dirs, { timeMs, concurrency });
    runs.push(HOOKS.map((h) => hookOf(report, h.name)));
    bare.push(report.reference?.bareSpanNs ?? null);
  }

  const lines = [`otel-audit bench:self — ${HOOKS.length} fixture hooks × ${RUNS} runs, --time ${timeMs} ms, ${concurrency} at a time`, ''];
  lines.push(`${'fixture'.padEnd(15)} ${'run 1 /span'.padStart(17)} ${'run 2 /span'.padStart(17)}  ${'run to run'.padStart(10)}  ops per call (run 1)`);
  let stable = true;
  HOOKS.forEach((h, i) => {
    const [a, b] = [runs[0]![i]!, runs[1]![i]!];
    const [x, y] = [a.overheadNsPerSpan!, b.overheadNsPerSpan!];
    const diff = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    const checked = Math.max(x, y) > 1_000;
    if (checked && diff > MAX_RUN_TO_RUN) stable = false;
    // a trailing * marks the attempt kept from two (slow-spell.ts)
    const margin = (m: Benchmark): string => `±${Math.round(m.marginPct ?? 0)}%${(m.attempts ?? 1) > 1 ? '*' : ' '}`.padStart(6);
    lines.push(`${h.fixture.padEnd(15)} ${ns(x)} ${margin(a)} ${ns(y)} ${margin(b)}  ${(checked ? pct(diff) : 'n/a').padStart(10)}  ${ops(a)}`);
  });
  const differences = runs.map((r) => r[0]!.overheadNsPerSpan! - r[1]!.overheadNsPerSpan!);
  const reads = runs.map((r) => [r[0]!.opsPerCall['fs.readFileSync'] ?? 0, r[1]!.opsPerCall['fs.readFileSync'] ?? 0] as const);
  const readsOk = reads.every(([p, c]) => p === 1 && c === 0);
  lines.push('');
  lines.push(
    `difference per span (per-call − cached): ${differences.map((d) => formatNs(d)).join(', ')}  — ≥ ${formatNs(MIN_DIFFERENCE_NS)}: ${differences.every((d) => d >= MIN_DIFFERENCE_NS) ? 'yes' : 'NO'}`,
  );
  lines.push(`fs.readFileSync per call (per-call, cached): ${reads.map(([p, c]) => `${p} vs ${c}`).join(', ')}  — one read against none: ${readsOk ? 'yes' : 'NO'}`);
  lines.push(`run to run, hooks above 1 µs: within ${pct(MAX_RUN_TO_RUN)}: ${stable ? 'yes' : 'NO'}`);
  const again = runs.flatMap((r, k) => r.flatMap((b, i) => ((b.attempts ?? 1) > 1 ? [`${HOOKS[i]!.fixture} in run ${k + 1}`] : [])));
  lines.push(`measured again after a slow spell (*): ${again.length === 0 ? 'none' : again.join(', ')}`);
  lines.push(`bare span (reference): ${bare.map((b) => (b === null ? '-' : formatNs(b))).join(', ')}`);
  // the yardstick measured in the same child as each hook: when a run's figures moved, did it move too
  // (the machine was slower for that case) or not (the measurement itself differed)?
  const beside = (b: Benchmark): string => (typeof b.bareSpanNs === 'number' ? formatNs(b.bareSpanNs) : '-');
  lines.push(`bare span beside each hook (run 1, run 2): ${HOOKS.map((h, i) => `${h.fixture} ${beside(runs[0]![i]!)}, ${beside(runs[1]![i]!)}`).join('; ')}`);
  lines.push('', `_Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.availableParallelism()}_`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench:self could not run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
