// `npm run bench:self`: checks the bench harness against fixtures of known cost. Two fixture
// instrumentations patch the same installed target (test/fixtures/bench/node_modules/fake-target):
// one reads and parses its package.json on every call, its twin reads it once. Both are benched twice,
// and the script prints the overhead per span of each, their difference (must be ≥ 5 µs), the operations
// counted per call (one read against none) and the run-to-run difference of every hook above 1 µs
// (must be within 15%). It exits non-zero only when it cannot run; a missed target is printed as such.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench } from '../bench/bench.js';
import type { Benchmark, Report } from '../report/model.js';
import { formatNs } from '../report/format-ns.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = path.join(REPO, 'test/fixtures/bench');
const HOOKS = [
  { fixture: 'per-call-read', name: 'bench-fixture-per-call-read' },
  { fixture: 'cached-read', name: 'bench-fixture-cached-read' },
] as const;
const TARGET = 'fake-target:Client.prototype.query';
const MIN_DIFFERENCE_NS = 5_000;
const MAX_RUN_TO_RUN = 0.15;
const RUNS = 2;

function argTime(argv: string[]): number {
  const i = argv.indexOf('--time');
  const t = i >= 0 ? Number(argv[i + 1]) : 500;
  if (!Number.isFinite(t) || t <= 0) throw new Error('--time takes a number of milliseconds');
  return t;
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
  const timeMs = argTime(process.argv.slice(2));
  const dirs = HOOKS.map((h) => path.join(FIXTURES, h.fixture));
  const runs: Benchmark[][] = [];
  const bare: Array<number | null> = [];
  for (let r = 0; r < RUNS; r++) {
    const report = await bench(dirs, { timeMs });
    runs.push(HOOKS.map((h) => hookOf(report, h.name)));
    bare.push(report.reference?.bareSpanNs ?? null);
  }

  const lines = [`otel-audit bench:self — ${HOOKS.length} fixture hooks × ${RUNS} runs, --time ${timeMs} ms, ${os.availableParallelism()} at a time`, ''];
  lines.push(`${'fixture'.padEnd(15)} ${'run 1 /span'.padStart(16)} ${'run 2 /span'.padStart(16)}  ${'run to run'.padStart(10)}  ops per call (run 1)`);
  let stable = true;
  HOOKS.forEach((h, i) => {
    const [a, b] = [runs[0]![i]!, runs[1]![i]!];
    const [x, y] = [a.overheadNsPerSpan!, b.overheadNsPerSpan!];
    const diff = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    const checked = Math.max(x, y) > 1_000;
    if (checked && diff > MAX_RUN_TO_RUN) stable = false;
    const margin = (m: Benchmark): string => `±${Math.round(m.marginPct ?? 0)}%`.padStart(5);
    lines.push(`${h.fixture.padEnd(15)} ${ns(x)} ${margin(a)} ${ns(y)} ${margin(b)}  ${(checked ? pct(diff) : 'n/a').padStart(10)}  ${ops(a)}`);
  });
  const differences = runs.map((r) => r[0]!.overheadNsPerSpan! - r[1]!.overheadNsPerSpan!);
  const reads = runs.map((r) => [r[0]!.opsPerCall['fs.readFileSync'] ?? 0, r[1]!.opsPerCall['fs.readFileSync'] ?? 0] as const);
  const readsOk = reads.every(([p, c]) => p === 1 && c === 0);
  lines.push('');
  lines.push(`difference per span (per-call − cached): ${differences.map((d) => formatNs(d)).join(', ')}  — ≥ ${formatNs(MIN_DIFFERENCE_NS)}: ${differences.every((d) => d >= MIN_DIFFERENCE_NS) ? 'yes' : 'NO'}`);
  lines.push(`fs.readFileSync per call (per-call, cached): ${reads.map(([p, c]) => `${p} vs ${c}`).join(', ')}  — one read against none: ${readsOk ? 'yes' : 'NO'}`);
  lines.push(`run to run, hooks above 1 µs: within ${pct(MAX_RUN_TO_RUN)}: ${stable ? 'yes' : 'NO'}`);
  lines.push(`bare span (reference): ${bare.map((b) => (b === null ? '-' : formatNs(b))).join(', ')}`);
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
