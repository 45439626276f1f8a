// This machine's usual bare span, remembered across bench runs in the user cache folder.
//
// slow-spell.ts finds the cases of a run that were measured through a slow spell by comparing each
// case's bare span with the run's typical one. A spell can outlast a whole small run (bench:self's
// two cases, a `--hooks` run of one package): every bare span of the run is up, and so is its typical
// value. What the run cannot tell by itself, the machine's earlier runs can: every run records the
// bare spans of its measured cases here, and the next run also compares with their median.
//
// Kept per machine and per setting that moves the figure (Node, CPU, tool version, cases side by
// side, --time: the fastest of 40 rounds is lower than the fastest of 5). A file that cannot be read
// or written never stops a run: the run goes on with its own figures and the reason is returned.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultCacheDir } from '../../cache/cache-dir.js';
import { isPositive } from '../../calibrate/cost-table.js';
import { TOOL_VERSION } from '../../util/version.js';
import { machineFacts } from '../../calibrate/calibrate.js';
import { median } from '../timing/run-benny.js';

export const HISTORY_FILE = 'bench-bare-span.json';
/** Values kept per setting: a few full runs' worth of cases, so one run never decides alone. */
export const HISTORY_SIZE = 200;
/** Below this many remembered values there is no usual figure yet. */
export const MIN_HISTORY = 5;

interface HistoryFile {
  schemaVersion: 1;
  /** setting key → the most recent bare spans, ns, oldest first */
  settings: Record<string, number[]>;
}

export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultCacheDir(env), HISTORY_FILE);
}

export function historyKey(concurrency: number, timeMs: number): string {
  const m = machineFacts();
  return `node ${m.node} · ${m.cpu} ×${m.cpus} · otel-audit ${TOOL_VERSION} · ${concurrency} at a time · --time ${timeMs}`;
}

/** Reads the file; a missing file is an empty history, anything else wrong is an Error saying what. */
function readHistory(file: string): HistoryFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { schemaVersion: 1, settings: {} };
    throw new Error(`unreadable (${code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  const d = data as Partial<HistoryFile> | null;
  if (typeof d !== 'object' || d === null || d.schemaVersion !== 1 || typeof d.settings !== 'object' || d.settings === null) throw new Error('not a bare-span history (schemaVersion 1)');
  const settings: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(d.settings)) if (Array.isArray(v)) settings[k] = v.filter(isPositive);
  return { schemaVersion: 1, settings };
}

export interface UsualBareSpan {
  /** median of the remembered values for this setting; null when fewer than MIN_HISTORY or none readable */
  ns: number | null;
  /** why the history was not used, when the file was there but wrong */
  problem?: string;
}

export function usualBareSpan(file: string, key: string): UsualBareSpan {
  try {
    const values = readHistory(file).settings[key] ?? [];
    return { ns: values.length >= MIN_HISTORY ? median(values) : null };
  } catch (err) {
    return { ns: null, problem: `${file}: ${(err as Error).message}` };
  }
}

/**
 * Appends a run's bare spans to its setting, keeping the newest HISTORY_SIZE; atomically (a temp file
 * renamed), so a run never reads half a file. A broken file is replaced. Returns the problem, if any.
 */
export function recordBareSpans(file: string, key: string, values: readonly number[]): string | undefined {
  const fresh = values.filter(isPositive);
  if (fresh.length === 0) return undefined;
  let history: HistoryFile;
  try {
    history = readHistory(file);
  } catch {
    history = { schemaVersion: 1, settings: {} };
  }
  history.settings[key] = [...(history.settings[key] ?? []), ...fresh].slice(-HISTORY_SIZE);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(history, null, 1)}\n`);
    renameSync(tmp, file);
    return undefined;
  } catch (err) {
    return `${file}: not written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}
