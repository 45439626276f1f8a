// `npm run bench:scan`: the scan of the embedded default against the TypeScript parser alone on the
// same files, both as whole child processes (what a user waits for), interleaved to spread machine
// noise evenly, medians reported. Exits non-zero only when something fails to run, never because a
// target is missed: the figures are for the README, not a timed test.
//   node dist/src/dev/perf/scan-vs-parse.js [--runs 3] [--target node_modules/@opentelemetry] [--json FILE]
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Report } from '../../model/report.js';
import { benchResult, markdownTable, RATIO_TARGET, RSS_TARGET_MB } from './bench-table.js';
import { measureChild } from './measure-child.js';

const PROJECT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(PROJECT, 'dist/src/cli.js');
const BARE_PARSE = fileURLToPath(new URL('./bare-parse.js', import.meta.url));
const PRELOAD = pathToFileURL(fileURLToPath(new URL('./max-rss-preload.js', import.meta.url))).href;

/**
 * Absolute paths of every file the scan parsed: packages[].files (relative to roots[packages[].root])
 * and the dependency files calls were followed into (relative to roots[0]); both are parse work.
 */
function analysedFiles(report: Report): string[] {
  const files = report.packages.flatMap((p) => p.files.map((f) => path.resolve(PROJECT, report.roots[p.root]!, f)));
  const deps = (report.dependencyFiles ?? []).map((f) => path.resolve(PROJECT, report.roots[0]!, f));
  return [...new Set([...files, ...deps])];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, target: { type: 'string', default: 'node_modules/@opentelemetry' }, json: { type: 'string' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  for (const f of [CLI, BARE_PARSE, path.join(PROJECT, values.target)]) {
    if (!existsSync(f)) throw new Error(`${f} not found (run npm ci / npm run build first)`);
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-bench-'));
  try {
    const rssFile = path.join(tmp, 'maxrss');
    const listFile = path.join(tmp, 'files.txt');
    const scanMs: number[] = [], parseMs: number[] = [], scanRss: number[] = [], parseRss: number[] = [];
    let files: string[] = [];
    for (let i = 1; i <= runs; i++) {
      const reportFile = path.join(tmp, `report-${i}.json`);
      const scanArgs = [CLI, 'scan', values.target, '--format', 'json', '--output', reportFile];
      const s = await measureChild({ label: `scan run ${i}`, args: scanArgs, cwd: PROJECT, preload: PRELOAD, rssFile });
      if (i === 1) {
        // the parse baseline gets exactly the files the (first) scan analysed
        files = analysedFiles(JSON.parse(await readFile(reportFile, 'utf8')) as Report);
        await writeFile(listFile, `${files.join('\n')}\n`);
      }
      const p = await measureChild({ label: `bare parse run ${i}`, args: [BARE_PARSE, listFile], cwd: PROJECT, preload: PRELOAD, rssFile });
      scanMs.push(s.wallMs); scanRss.push(s.peakRssMb); parseMs.push(p.wallMs); parseRss.push(p.peakRssMb);
      process.stderr.write(`run ${i}/${runs}: scan ${(s.wallMs / 1000).toFixed(2)} s ${Math.round(s.peakRssMb)} MB · parse ${(p.wallMs / 1000).toFixed(2)} s ${Math.round(p.peakRssMb)} MB\n`);
    }
    const bytes = (await Promise.all(files.map((f) => stat(f)))).reduce((n, st) => n + st.size, 0);
    const r = benchResult(files.length, bytes, scanMs, parseMs, scanRss, parseRss);
    const ts = (JSON.parse(await readFile(path.join(PROJECT, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
    const machine = `Node ${process.version}, TypeScript ${ts}, ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}`;
    process.stdout.write(
      [
        `otel-audit scan vs bare TypeScript parse of ${values.target} (median of ${runs} interleaved runs)`,
        machine,
        `files ${r.files}, bytes ${r.bytes}`,
        `scan ${r.scanS.toFixed(2)} s, parse ${r.parseS.toFixed(2)} s, ratio ${r.ratio.toFixed(2)} (target ≤ ${RATIO_TARGET}: ${r.ratioHolds ? 'holds' : 'MISSED'})`,
        `peak RSS scan ${Math.round(r.scanRssMb)} MB (target ≤ ${RSS_TARGET_MB}: ${r.rssHolds ? 'holds' : 'MISSED'}), parse ${Math.round(r.parseRssMb)} MB`,
        '',
        markdownTable(r),
        '',
        `_${machine}; median of ${runs} interleaved runs, whole processes._`,
        '',
      ].join('\n'),
    );
    if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify({ ...r, runs, machine, scanMs, parseMs, scanRss, parseRss }, null, 2)}\n`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:scan failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
