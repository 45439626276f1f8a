// How the load views write their figures, the same in the terminal, Markdown and HTML: numbers with
// thousands separators (en-US whatever the locale: reports must not depend on who renders them),
// medians with their range over rounds, signed differences with a real minus sign.
import type { LoadComparison, LoadSection, LoadVariant, RoundDifference, RoundStat } from '../../model/load.js';

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 3 significant figures, thousands separated; whole numbers from 1,000 up (7,234 req/s, not 7,230) */
export const num = (n: number): string => (Math.abs(n) >= 1000 ? WHOLE.format(n) : NUMBER.format(n));

const MINUS = '−';
export const signed = (n: number, unit = ''): string => `${n > 0 ? '+' : n < 0 ? MINUS : '±'}${num(Math.abs(n))}${unit}`;

/** `7,234 (6,979–7,489)` */
export const statText = (s: RoundStat): string => (s.min === s.max ? num(s.median) : `${num(s.median)} (${num(s.min)}–${num(s.max)})`);

/** `−8.1% [−10.2 … −6.0]`: the estimated difference and its 95% interval (the range below 6 rounds) */
export const diffText = (d: RoundDifference, unit: string): string => (d.low === d.high ? signed(d.estimate, unit) : `${signed(d.estimate, unit)} [${signed(d.low)} … ${signed(d.high)}]`);

export const usText = (us: number): string => `${num(us)} µs`;

/** why a package's whole time is the variant's: a package the reference never loaded, or a bucket it had no samples in */
export const addedText = (pkg: string, reference: string): string => (pkg.startsWith('(') ? `none in ${reference}` : `not loaded in ${reference}`);

export function variantTitle(v: LoadVariant): string {
  return v.id === 'without' ? 'without' : `${v.id}: ${v.label}`;
}

export const comparisonTitle = (c: LoadComparison): string => `${c.variant} vs ${c.reference}`;

/** `10 connections · 5 rounds of 2 s per variant after a 2 s warm-up · …` */
export function settingsText(load: LoadSection): string {
  const s = load.settings;
  const parts = [
    `${s.connections} connection${s.connections === 1 ? '' : 's'}`,
    `${s.rounds} round${s.rounds === 1 ? '' : 's'} of ${num(s.durationS / s.rounds)} s per variant${s.warmupS > 0 ? ` after a ${num(s.warmupS)} s warm-up` : ''}`,
    s.samplingIntervalUs === null ? 'no CPU profile' : `CPU profile every ${num(s.samplingIntervalUs)} µs`,
    s.countRequests > 0 ? `operations counted over ${num(s.countRequests)} more requests` : 'operations not counted',
  ];
  return parts.join(' · ');
}

export function targetText(load: LoadSection): string {
  return `${load.app.demo !== null ? `demo ${load.app.demo} (${load.app.entry})` : load.app.entry}  GET http://${load.app.host}:<port>${load.app.path}`;
}

/** How the app was confined (src/sandbox), and what could not be applied here; null for reports from before the sandbox. */
export function sandboxText(load: LoadSection): string | null {
  const s = load.sandbox;
  if (s === undefined) return null;
  if (!s.enabled) return 'the app ran WITHOUT the sandbox (--unsafe-run): with your environment, files and network';
  const applied = [
    'environment: allow-list',
    s.permissionModel ? 'Node permission model' : null,
    s.network ? 'no network but the load generator' : null,
    s.pidNamespace ? 'pid namespace' : null,
    s.files === true ? 'own file view' : null,
  ].filter((x): x is string => x !== null);
  return `the app ran in the sandbox: ${applied.join(', ')}${s.limits.length === 0 ? '' : `; not applied: ${s.limits.join('; ')}`}`;
}

/** The verdict of a throughput difference in words. */
export function noiseText(c: LoadComparison, variants: readonly LoadVariant[]): string {
  const spread = (id: string): string => `${num(variants.find((v) => v.id === id)?.requestsPerSecond.spreadPct ?? 0)}%`;
  return `${c.beyondNoise ? 'beyond noise' : 'within noise'} (rounds spread ${spread(c.variant)} / ${spread(c.reference)})`;
}
