#!/usr/bin/env node
// `npm run reports`: regenerates reports/ from the embedded default (node_modules/@opentelemetry) —
// reports/scan.json, the scan joined with the bench when the bench is built (`--no-bench` to skip
// it: the full bench takes minutes), reports/README.md, the ranking (`--readme-only`: just that,
// from the committed scan.json), reports/screenshot-default.png (when chromium is installed), and the
// load test of the per-request-lookup demo (load-report.ts; `--no-load` skips it, `--load-only` runs
// only it). `--time MS`, `--case-timeout MS` and `--probe-timeout MS` go to the bench: on a loaded machine
// the default timeouts (a case 10 s + 12 × time, a call-style probe 300 ms) kill cases whose child
// merely waited for a core, and a timed-out case is a failure in the published report, not a slow
// measurement. Deterministic apart from the
// measured timings: the built-in cost table is forced (a calibration in the user's cache would make
// the committed numbers depend on whoever ran it), durations are 0, paths are relative or `<repo>/…`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CACHE_DIR_ENV } from '../../calibrate/cost-table.js';
import type { Report } from '../../model/report.js';
import { renderJson } from '../../report/render-json.js';
import { reportSchemaErrors } from '../../model/parse-report.js';
import { joinBenchInto, runBench } from '../../vet/run-bench.js';
import { generateLoadReport } from './load-report.js';
import { normaliseReport } from './normalise-report.js';
import { renderRanking } from './render-ranking.js';

export const TARGET = 'node_modules/@opentelemetry';
export const OUT_DIR = 'reports';
/** the README's picture of the HTML report of the embedded default */
export const SCREENSHOT = 'screenshot-default.png';

/** A positive number given as `--name N`, or undefined when the option is absent. */
function numberOption(argv: readonly string[], name: string): number | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const n = Number(argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} takes a positive number of milliseconds`);
  return n;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** `--readme-only`: README.md again from the committed scan.json (a change of the ranking's layout needs no new bench). */
function readmeOnly(): number {
  const report = JSON.parse(readFileSync(path.join(OUT_DIR, 'scan.json'), 'utf8')) as Report;
  const note = readFileSync(path.join(OUT_DIR, 'README.md'), 'utf8').match(/(Bench: [^\n]*\.|No bench data [^\n]*\.|Bench skipped [^\n]*\.)$/m)?.[1] ?? '';
  writeFileSync(path.join(OUT_DIR, 'README.md'), renderRanking(report, { benchNote: note }));
  log(`reports: rewrote ${OUT_DIR}/README.md from ${OUT_DIR}/scan.json`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--readme-only')) return readmeOnly();
  if (argv.includes('--load-only')) {
    mkdirSync(OUT_DIR, { recursive: true });
    return (await generateLoadReport(OUT_DIR, process.cwd(), log)) ? 0 : 1;
  }
  const withBench = !argv.includes('--no-bench');
  const repo = process.cwd();
  // no user calibration: an empty cache folder of our own
  const cache = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-reports-'));
  process.env[CACHE_DIR_ENV] = cache;
  try {
    const { scan } = await import('../../scan/scan.js');
    log(`reports: scanning ${TARGET}`);
    const scanned = await scan([TARGET], { now: () => 0 });
    let benchNote = 'Bench skipped (`--no-bench`): ranked by per-call findings only.';
    let report = scanned;
    if (withBench) {
      log('reports: benchmarking every hook (minutes; `npm run reports -- --no-bench` skips it)');
      const tty = process.stderr.isTTY === true;
      const timeMs = numberOption(argv, '--time');
      const caseTimeoutMs = numberOption(argv, '--case-timeout');
      const probeTimeoutMs = numberOption(argv, '--probe-timeout');
      const benchOptions = {
        ...(probeTimeoutMs !== undefined ? { probeTimeoutMs } : {}),
        ...(timeMs !== undefined ? { timeMs } : {}),
        ...(caseTimeoutMs !== undefined ? { caseTimeoutMs } : {}),
        ...(tty ? { onProgress: (p: { done: number; total: number; current?: string }) => process.stderr.write(`\r\x1b[K${p.done}/${p.total} ${p.current ?? ''}`) } : {}),
      };
      const outcome = await runBench([TARGET], { benchOptions });
      if (tty) process.stderr.write('\r\x1b[K');
      report = await joinBenchInto(scanned, outcome);
      benchNote = outcome.status === 'measured' ? `Bench: ${outcome.detail}.` : `No bench data (${outcome.detail}): ranked by per-call findings only.`;
      log(`reports: ${outcome.detail}`);
    }
    const normalised = normaliseReport(report, repo);
    const problems = reportSchemaErrors(JSON.parse(JSON.stringify(normalised)));
    if (problems.length > 0) {
      log(`reports: the report does not match the report schema:\n  ${problems.slice(0, 10).join('\n  ')}`);
      return 1;
    }
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, 'scan.json'), renderJson(normalised));
    writeFileSync(path.join(OUT_DIR, 'README.md'), renderRanking(normalised, { benchNote }));
    log(`reports: wrote ${OUT_DIR}/scan.json and ${OUT_DIR}/README.md (${normalised.packages.length} packages)`);
    const { screenshotReport } = await import('./screenshot-report.js');
    const skipped = await screenshotReport(normalised, path.join(OUT_DIR, SCREENSHOT), repo);
    log(skipped === null ? `reports: wrote ${OUT_DIR}/${SCREENSHOT}` : `reports: ${skipped}`);
    if (argv.includes('--no-load')) return 0;
    return (await generateLoadReport(OUT_DIR, repo, log)) ? 0 : 1;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`reports: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 2;
  },
);
