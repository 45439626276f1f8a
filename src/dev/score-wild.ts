// `npm run score:wild`: scans the third-party corpus (test/corpus/wild, installed here when needed)
// with the built CLI and scores the per-call findings against test/corpus/wild/labels.json:
// precision (overall and at low or above), recall of the labelled costs, and the lists a person acts
// on. The CLI is spawned rather than imported so that the score measures exactly what users run and
// does not depend on where the analysis lives inside src/.
//   node dist/src/dev/score-wild.js [--json] [--min-precision PCT] [--min-precision-low PCT] [--min-recall PCT]
// Exit codes: 0 scored (and every given threshold met), 1 a threshold missed, 2 could not score.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measureChild } from './perf/measure-child.js';
import { installCorpus } from './perf/install-corpus.js';
import { renderWildScore } from './render-wild-score.js';
import { parseWildLabels } from './wild-labels.js';
import { missedThresholds, scoreWild, type ReportLike, type Thresholds } from './wild-score.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = 'test/corpus/wild';
const CLI = path.join(REPO, 'dist/src/cli.js');
const PRELOAD = pathToFileURL(fileURLToPath(new URL('./perf/max-rss-preload.js', import.meta.url))).href;

function percentOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new Error(`${name} takes a percentage from 0 to 100, got "${value}"`);
  return n;
}

/** The corpus packages: the dependencies of the corpus package.json, sorted. */
function corpusPackages(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(REPO, CORPUS, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {}).sort();
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      'min-precision': { type: 'string' },
      'min-precision-low': { type: 'string' },
      'min-recall': { type: 'string' },
    },
  });
  const thresholds: Thresholds = {
    minPrecision: percentOption('--min-precision', values['min-precision']),
    minPrecisionLowPlus: percentOption('--min-precision-low', values['min-precision-low']),
    minRecall: percentOption('--min-recall', values['min-recall']),
  };
  const labelsFile = path.join(CORPUS, 'labels.json');
  // labels first: a malformed file fails before minutes of installing and scanning
  const labels = parseWildLabels(readFileSync(path.join(REPO, labelsFile), 'utf8'), labelsFile);
  const log = (line: string): void => void process.stderr.write(`score:wild: ${line}\n`);
  installCorpus(path.join(REPO, CORPUS), log);

  const names = corpusPackages();
  // one path per corpus package, as a user vetting them would give them; a package's own nested
  // node_modules comes along (the scan walks it), and is left out of the score by wild-score.ts
  const paths = names.map((n) => `${CORPUS}/node_modules/${n}`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-wild-'));
  try {
    const reportFile = path.join(tmp, 'report.json');
    log(`scanning ${names.length} packages`);
    const run = await measureChild({
      label: 'scan of the corpus',
      // no result cache: the score prints the scan's time and peak RSS, which a warm cache would make a lookup's
      args: [CLI, 'scan', ...paths, '--format', 'json', '--output', reportFile, '--quiet', '--fail-on', 'none', '--no-cache'],
      cwd: REPO,
      preload: PRELOAD,
      rssFile: path.join(tmp, 'maxrss'),
    });
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as ReportLike;
    const score = scoreWild(report, labels, new Set(names));
    const facts = { packages: names.length, wallMs: run.wallMs, peakRssMb: run.peakRssMb };
    const missed = missedThresholds(score, thresholds);
    if (values.json) process.stdout.write(`${JSON.stringify({ ...facts, ...score, thresholdsMissed: missed }, null, 2)}\n`);
    else process.stdout.write(renderWildScore(score, facts) + missed.map((m) => `threshold missed: ${m}\n`).join(''));
    return missed.length > 0 ? 1 : 0;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`score:wild could not run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
