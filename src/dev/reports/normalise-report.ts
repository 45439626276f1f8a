// Makes a generated report commit-friendly: the same packages give the same file, whoever runs it.
// Durations become 0; timings are rounded to 3 significant digits (they still move between runs —
// they are measurements — but not in their noise digits); margins to 0.1%; absolute paths under the
// repository (a bench failure's message, a stack) become `<repo>/…`.
import type { Report } from '../../model/report.js';

export function round3(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const digits = 3 - Math.ceil(Math.log10(Math.abs(n)));
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const NS_FIELDS = ['baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall', 'overheadNsPerSpan', 'bareSpanNs', 'measuredOverheadNsPerSpan'];

function roundTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(roundTimings);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number' && NS_FIELDS.includes(k)) out[k] = round3(v);
    else if (typeof v === 'number' && k === 'marginPct') out[k] = Math.round(v * 10) / 10;
    else if (typeof v === 'number' && k === 'durationMs') out[k] = 0;
    else out[k] = roundTimings(v);
  }
  return out;
}

function replacePaths(value: unknown, repo: string): unknown {
  if (typeof value === 'string') return value.split(repo).join('<repo>');
  if (Array.isArray(value)) return value.map((v) => replacePaths(v, repo));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replacePaths(v, repo)]));
}

export function normaliseReport(report: Report, repo: string): Report {
  return replacePaths(roundTimings(report), repo.replace(/[\\/]+$/, '')) as Report;
}
