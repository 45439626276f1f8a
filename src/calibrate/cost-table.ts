// Which cost table `estimatedCostNs` comes from. By default the audits' built-in figures, measured on
// the reference machine (DESIGN.md); `otel-audit calibrate` stores a table measured on this machine in
// the user cache folder, and when it is there it wins. A table that cannot be read never stops a scan:
// the built-in figures apply and the report says why.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR_ENV, defaultCacheDir } from '../cache/cache-dir.js';

export const BUILT_IN_SOURCE = 'built-in (reference machine, Node 20; see audits/README.md)';
export { CACHE_DIR_ENV };
export const COST_TABLE_FILE = 'cost-table.json';

export interface MachineFacts {
  node: string;
  cpu: string;
  cpus: number;
  platform: string;
  arch: string;
}

export interface OperationCost {
  id: string;
  /** the operation as code, e.g. `JSON.parse(fs.readFileSync(<package.json>))` */
  label: string;
  ns: number;
  /** benny's relative margin of error, % */
  marginPct: number;
  samples: number;
}

/** What `otel-audit calibrate` writes (schemaVersion 1: extend, never break). */
export interface CalibratedTable {
  schemaVersion: 1;
  tool: { name: 'otel-audit'; version: string };
  /** ISO 8601 */
  date: string;
  machine: MachineFacts;
  /** the --time budget per operation, ms */
  timeMs: number;
  /** a bare span (`startSpan('s').end()`, BasicTracerProvider); null when the SDK was not resolvable */
  reference: { bareSpanNs: number | null };
  /** one figure per audit id, and the operation it was taken from */
  audits: Record<string, { ns: number; operation: string }>;
  operations: OperationCost[];
  /** operations that could not be measured here (e.g. no semver package), with the reason */
  skipped: Array<{ id: string; label: string; reason: string }>;
}

export interface CostTable {
  kind: 'built-in' | 'calibrated';
  /** said in every report so a reader knows whose machine the nanoseconds are from */
  source: string;
  /** ns per audit id; empty for the built-in table (each audit's own figure applies) */
  audits: Readonly<Record<string, number>>;
  /** where a calibrated table is (or would be) stored */
  file: string;
}

export function costTableFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultCacheDir(env), COST_TABLE_FILE);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Parses and checks a stored table; throws an Error whose message says what is wrong. */
export function parseCalibratedTable(text: string): CalibratedTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  if (!isRecord(data)) throw new Error('not a JSON object');
  if (data.schemaVersion !== 1) throw new Error(`unsupported schemaVersion ${JSON.stringify(data.schemaVersion)}`);
  if (typeof data.date !== 'string' || Number.isNaN(Date.parse(data.date))) throw new Error('no valid date');
  const machine = data.machine;
  if (!isRecord(machine) || typeof machine.node !== 'string' || typeof machine.cpu !== 'string') throw new Error('no machine facts');
  if (!isRecord(data.audits) || Object.keys(data.audits).length === 0) throw new Error('no audit figures');
  for (const [id, entry] of Object.entries(data.audits)) {
    if (!isRecord(entry) || !isPositive(entry.ns)) throw new Error(`audit ${id}: no positive ns figure`);
  }
  if (!Array.isArray(data.operations)) throw new Error('no operations');
  return data as unknown as CalibratedTable;
}

export function calibratedSource(t: Pick<CalibratedTable, 'date' | 'machine'>): string {
  return `calibrated on ${t.date.slice(0, 10)} (${t.machine.cpu}, node ${t.machine.node.replace(/^v/, '')})`;
}

/**
 * The table to use now. Reads the file every time it is called: callers take it once per scan (the
 * analyser, the merge), so a table written by `calibrate` between two scans of one process is seen.
 */
export function costTable(file: string = costTableFile()): CostTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    // no table is the normal case, not worth a word; anything else (EACCES, EISDIR…) is said
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'built-in', source: BUILT_IN_SOURCE, audits: {}, file };
    return ignored(file, `unreadable (${code ?? (err as Error).message})`);
  }
  try {
    const t = parseCalibratedTable(text);
    const audits = Object.fromEntries(Object.entries(t.audits).map(([id, e]) => [id, e.ns]));
    return { kind: 'calibrated', source: calibratedSource(t), audits, file };
  } catch (err) {
    return ignored(file, (err as Error).message);
  }
}

function ignored(file: string, reason: string): CostTable {
  return { kind: 'built-in', source: `${BUILT_IN_SOURCE}; ignored the calibrated table ${file}: ${reason} (run otel-audit calibrate again)`, audits: {}, file };
}

/** The figure for one audit: the calibrated one when the table has it, else the audit's built-in figure. */
export function costFor(table: CostTable, auditId: string, builtIn: number): number {
  return table.audits[auditId] ?? builtIn;
}
