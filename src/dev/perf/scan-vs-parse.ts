// `npm run bench:scan`: the scan against the TypeScript parser alone on the same files, and the result
// cache, as whole child processes (what a user waits for: Node start-up and module loading included),
// interleaved to spread machine noise evenly, medians reported. Per run, in this order:
//   cold    scan --no-cache                          the analysis of every package
//   parse   the bare parse of exactly the files the cold scan parsed
//   fill    scan with an empty cache folder          analyses everything and stores it
//   warm    scan again with that folder              every package served from the cache
//   bump    one package bumped in place (new version, new code), scan again, undone
// With --memory, one more cold scan with a preload that takes the heap's figures at each phase (after
// a forced GC: what the scan still holds), and with --workers 1,2 cold scans with each worker count.
// Exits non-zero only when something fails to run, never because a target is missed: the figures are
// for the README, not a timed test.
//   node dist/src/dev/perf/scan-vs-parse.js [--corpus default|all-deps|wild | --target PATH] [--runs 3]
//        [--bump NAME] [--memory] [--workers 1,2] [--json FILE]
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Report } from '../../model/report.js';
import { benchResult, markdownTable, memoryTable, workersTable, type MemoryRow, type Runs } from './bench-table.js';
import { bumpPackage } from './bump-package.js';
import { installCorpus } from './install-corpus.js';
import { MEMORY_ENV } from './memory-preload.js';
import { measureChild } from './measure-child.js';

const PROJECT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(PROJECT, 'dist/src/cli.js');
const BARE_PARSE = fileURLToPath(new URL('./bare-parse.js', import.meta.url));
const PRELOAD = pathToFileURL(fileURLToPath(new URL('./max-rss-preload.js', import.meta.url))).href;
const MEMORY_PRELOAD = pathToFileURL(fileURLToPath(new URL('./memory-preload.js', import.meta.url))).href;

/** --corpus: the embedded default, everything this repository installs, or the third-party corpus */
const CORPORA: Record<string, string> = {
  default: 'node_modules/@opentelemetry',
  'all-deps': 'node_modules',
  wild: 'test/corpus/wild/node_modules',
};

/**
 * Absolute paths of every file the scan parsed: packages[].files (relative to roots[packages[].root])
 * and the dependency files calls were followed into (relative to roots[0]); both are parse work.
 */
function analysedFiles(report: Report): string[] {
  const files = report.packages.flatMap((p) => p.files.map((f) => path.resolve(PROJECT, report.roots[p.root]!, f)));
  const deps = (report.dependencyFiles ?? []).map((f) => path.resolve(PROJECT, report.roots[0]!, f));
  return [...new Set([...files, ...deps])];
}

/** The package to bump: the one named, else the first (by name) with hooks — an instrumentation. */
function bumpTarget(report: Report, name: string | undefined): { label: string; dir: string; files: string[] } {
  const p = name === undefined ? report.packages.find((x) => x.hooks.length > 0) : report.packages.find((x) => x.name === name);
  if (!p) throw new Error(name === undefined ? 'no package with hooks to bump' : `--bump ${name}: not among the scanned packages`);
  const root = path.resolve(PROJECT, report.roots[p.root]!);
  return { label: `${p.name}@${p.version}`, dir: path.resolve(root, p.dir), files: p.files.map((f) => path.resolve(root, f)) };
}

/** The report without its clock: what must be the same whether it came from the cache or not. */
const normalised = (text: string): string => text.replace(/"durationMs": \d+/, '"durationMs": 0');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      corpus: { type: 'string' },
      target: { type: 'string' },
      bump: { type: 'string' },
      memory: { type: 'boolean', default: false },
      workers: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  if (values.corpus !== undefined && CORPORA[values.corpus] === undefined) throw new Error(`--corpus is one of ${Object.keys(CORPORA).join(', ')}`);
  const target = values.target ?? CORPORA[values.corpus ?? 'default']!;
  if (values.corpus === 'wild') installCorpus(path.join(PROJECT, 'test/corpus/wild'), (line) => process.stderr.write(`${line}\n`));
  const workerCounts = values.workers === undefined ? [] : values.workers.split(',').map(Number);
  if (workerCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--workers takes whole numbers, e.g. 1,2; got ${values.workers}`);
  for (const f of [CLI, BARE_PARSE, path.join(PROJECT, target)]) {
    if (!existsSync(f)) throw new Error(`${f} not found (run npm ci / npm run build first)`);
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-bench-'));
  try {
    const rssFile = path.join(tmp, 'maxrss');
    const listFile = path.join(tmp, 'files.txt');
    const r: Runs = { cold: [], parse: [], coldRss: [], parseRss: [], coldCpu: [], parseCpu: [], fill: [], warm: [], bump: [] };
    const scan = (label: string, out: string, ...extra: string[]): ReturnType<typeof measureChild> =>
      measureChild({ label, args: [CLI, 'scan', target, '--format', 'json', '--quiet', '--output', out, ...extra], cwd: PROJECT, preload: PRELOAD, rssFile });
    let files: string[] = [];
    let report: Report | undefined;
    let identical = true;
    /** the parser's version, as the bare parse (the scanner's parse call) reports it */
    let parser = 'unknown';
    for (let i = 1; i <= runs; i++) {
      const coldFile = path.join(tmp, `cold-${i}.json`);
      const c = await scan(`cold scan run ${i}`, coldFile, '--no-cache');
      const coldText = await readFile(coldFile, 'utf8');
      if (report === undefined) {
        // the parse baseline gets exactly the files the (first) scan analysed
        report = JSON.parse(coldText) as Report;
        files = analysedFiles(report);
        await writeFile(listFile, `${files.join('\n')}\n`);
      }
      const p = await measureChild({ label: `bare parse run ${i}`, args: [BARE_PARSE, listFile], cwd: PROJECT, preload: PRELOAD, rssFile });
      parser = (JSON.parse(p.stdout) as { typescript?: string }).typescript ?? parser;
      const cache = path.join(tmp, `cache-${i}`);
      const fill = await scan(`filling scan run ${i}`, path.join(tmp, `fill-${i}.json`), '--cache-dir', cache);
      const warmFile = path.join(tmp, `warm-${i}.json`);
      const warm = await scan(`warm scan run ${i}`, warmFile, '--cache-dir', cache);
      identical &&= normalised(await readFile(warmFile, 'utf8')) === normalised(coldText);
      const bumped = bumpTarget(report, values.bump);
      const restore = bumpPackage(bumped.dir, bumped.files);
      let b;
      try {
        b = await scan(`scan after bumping ${bumped.label}, run ${i}`, path.join(tmp, `bump-${i}.json`), '--cache-dir', cache);
      } finally {
        restore();
      }
      r.cold.push(c.wallMs);
      r.coldRss.push(c.peakRssMb);
      r.parse.push(p.wallMs);
      r.parseRss.push(p.peakRssMb);
      r.coldCpu.push(c.cpuMs);
      r.parseCpu.push(p.cpuMs);
      r.fill.push(fill.wallMs);
      r.warm.push(warm.wallMs);
      r.bump.push(b.wallMs);
      const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
      process.stderr.write(
        `run ${i}/${runs}: cold ${s(c.wallMs)} (CPU ${s(c.cpuMs)}) ${Math.round(c.peakRssMb)} MB · parse ${s(p.wallMs)} (CPU ${s(p.cpuMs)}) ${Math.round(p.peakRssMb)} MB · fill ${s(fill.wallMs)} · warm ${s(warm.wallMs)} · after bumping ${bumped.label} ${s(b.wallMs)}\n`,
      );
    }
    const workerRows: Array<{ workers: number; ms: number[]; rss: number[] }> = workerCounts.map((w) => ({ workers: w, ms: [], rss: [] }));
    for (let i = 1; i <= (workerRows.length > 0 ? runs : 0); i++) {
      for (const row of workerRows) {
        const w = await scan(`cold scan --workers ${row.workers} run ${i}`, path.join(tmp, `workers-${row.workers}.json`), '--no-cache', '--workers', String(row.workers));
        row.ms.push(w.wallMs);
        row.rss.push(w.peakRssMb);
        process.stderr.write(`workers ${row.workers} run ${i}/${runs}: ${(w.wallMs / 1000).toFixed(2)} s ${Math.round(w.peakRssMb)} MB\n`);
      }
    }
    let memory: MemoryRow[] | undefined;
    if (values.memory) {
      const memoryFile = path.join(tmp, 'memory.json');
      await measureChild({
        label: 'memory run',
        args: [CLI, 'scan', target, '--format', 'json', '--quiet', '--output', path.join(tmp, 'memory-report.json'), '--no-cache'],
        cwd: PROJECT,
        preload: PRELOAD,
        rssFile,
        env: { [MEMORY_ENV]: memoryFile },
        extraPreloads: [MEMORY_PRELOAD],
      });
      memory = JSON.parse(await readFile(memoryFile, 'utf8')) as MemoryRow[];
    }

    const bytes = (await Promise.all(files.map((f) => stat(f)))).reduce((n, st) => n + st.size, 0);
    const result = benchResult(report!.summary.packages, files.length, bytes, r);
    const machine = `Node ${process.version}, TypeScript ${parser} (ts-morph's), ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}`;
    process.stdout.write(
      [
        `otel-audit scan of ${target}: ${result.packages} packages (median of ${runs} interleaved runs, whole processes)`,
        machine,
        `warm scan report identical to the cold one: ${identical ? 'yes' : 'NO'}`,
        '',
        markdownTable(result),
        ...(workerRows.length > 0 ? ['', workersTable(workerRows)] : []),
        ...(memory ? ['', `Memory of a cold scan by phase (one run, forced GCs):`, '', memoryTable(memory)] : []),
        '',
        `_${machine}; median of ${runs} interleaved runs, whole processes._`,
        '',
      ].join('\n'),
    );
    if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify({ ...result, target, runs, machine, identical, r, workers: workerRows, memory }, null, 2)}\n`);
    if (!identical) process.exitCode = 1;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:scan failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
