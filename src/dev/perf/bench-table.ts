// Pure helpers of the scan benchmark (`npm run bench:scan`): medians, the targets and the Markdown
// tables that go into the README's "Performance" section.

export const RATIO_TARGET = 2.0;
/** peak RSS: at most this many times the bare parse's, and at most RSS_CAP_MB */
export const RSS_RATIO_TARGET = 2.0;
export const RSS_CAP_MB = 1024;
/** a scan with every package in the cache, as a share of the cold scan */
export const WARM_TARGET = 0.1;
/** a scan after one package was bumped, as a share of the cold scan */
export const BUMP_TARGET = 0.2;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Wall times (ms) and peak RSS (MB) of each whole-process run, by what was run. */
export interface Runs {
  cold: number[];
  parse: number[];
  coldRss: number[];
  parseRss: number[];
  /** CPU time (ms, user + system) of the cold scans and the bare parses */
  coldCpu: number[];
  parseCpu: number[];
  /** the first scan with an empty cache: analyses everything and stores it */
  fill: number[];
  warm: number[];
  bump: number[];
}

export interface BenchResult {
  packages: number;
  files: number;
  bytes: number;
  coldS: number;
  parseS: number;
  ratio: number;
  coldCpuS: number;
  parseCpuS: number;
  /** the same ratio by CPU time: steadier than wall time on a shared machine */
  cpuRatio: number;
  coldRssMb: number;
  parseRssMb: number;
  rssRatio: number;
  fillS: number;
  warmS: number;
  bumpS: number;
  /** warm / cold, bump / cold, fill / cold */
  warmShare: number;
  bumpShare: number;
  fillShare: number;
  ratioHolds: boolean;
  rssHolds: boolean;
  warmHolds: boolean;
  bumpHolds: boolean;
}

export function benchResult(packages: number, files: number, bytes: number, r: Runs): BenchResult {
  const s = (xs: number[]): number => median(xs) / 1000;
  const coldS = s(r.cold);
  const parseS = s(r.parse);
  const coldRssMb = median(r.coldRss);
  const parseRssMb = median(r.parseRss);
  const rssRatio = coldRssMb / parseRssMb;
  const warmShare = s(r.warm) / coldS;
  const bumpShare = s(r.bump) / coldS;
  return {
    packages,
    files,
    bytes,
    coldS,
    parseS,
    ratio: coldS / parseS,
    coldCpuS: s(r.coldCpu),
    parseCpuS: s(r.parseCpu),
    cpuRatio: s(r.coldCpu) / s(r.parseCpu),
    coldRssMb,
    parseRssMb,
    rssRatio,
    fillS: s(r.fill),
    warmS: s(r.warm),
    bumpS: s(r.bump),
    warmShare,
    bumpShare,
    fillShare: s(r.fill) / coldS,
    ratioHolds: coldS / parseS <= RATIO_TARGET,
    rssHolds: rssRatio <= RSS_RATIO_TARGET && coldRssMb <= RSS_CAP_MB,
    warmHolds: warmShare <= WARM_TARGET,
    bumpHolds: bumpShare <= BUMP_TARGET,
  };
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

export function markdownTable(r: BenchResult): string {
  return [
    '| packages | files | bytes | cold scan s | bare parse s | ratio | cold CPU s | parse CPU s | CPU ratio | scan peak RSS MB | parse peak RSS MB | RSS ratio | warm scan s (of cold) | after a bump s (of cold) | first scan, filling the cache s (of cold) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${r.packages} | ${r.files.toLocaleString('en-US')} | ${r.bytes.toLocaleString('en-US')} | ${r.coldS.toFixed(2)} | ${r.parseS.toFixed(2)} | ${r.ratio.toFixed(2)} | ${r.coldCpuS.toFixed(2)} | ${r.parseCpuS.toFixed(2)} | ${r.cpuRatio.toFixed(2)} | ${Math.round(r.coldRssMb)} | ${Math.round(r.parseRssMb)} | ${r.rssRatio.toFixed(2)} | ${r.warmS.toFixed(2)} (${pct(r.warmShare)}) | ${r.bumpS.toFixed(2)} (${pct(r.bumpShare)}) | ${r.fillS.toFixed(2)} (${pct(r.fillShare)}) |`,
    '',
    `Targets: ratio ≤ ${RATIO_TARGET.toFixed(1)} ${yesNo(r.ratioHolds)} (by CPU ${yesNo(r.cpuRatio <= RATIO_TARGET)}) · peak RSS ≤ ${RSS_RATIO_TARGET}× the parse's and ≤ ${RSS_CAP_MB} MB ${yesNo(r.rssHolds)} · warm ≤ ${pct(WARM_TARGET)} ${yesNo(r.warmHolds)} · after a bump ≤ ${pct(BUMP_TARGET)} ${yesNo(r.bumpHolds)}`,
  ].join('\n');
}

/** Cold scans with each worker count, as a table (median seconds and peak RSS, and the share of one thread's time). */
export function workersTable(rows: ReadonlyArray<{ workers: number; ms: number[]; rss: number[] }>): string {
  const one = median(rows.find((r) => r.workers === 1)?.ms ?? rows[0]?.ms ?? []);
  return [
    '| --workers | cold scan s (min–max) | of one thread | peak RSS MB |',
    '| ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.workers} | ${(median(r.ms) / 1000).toFixed(2)} (${(Math.min(...r.ms) / 1000).toFixed(2)}–${(Math.max(...r.ms) / 1000).toFixed(2)}) | ${pct(median(r.ms) / one)} | ${Math.round(median(r.rss))} |`,
    ),
  ].join('\n');
}

export interface MemoryRow {
  phase: string;
  liveHeapMb: number;
  heapTotalMb: number;
  externalMb: number;
  rssMb: number;
  peakRssMb: number;
}

export function memoryTable(rows: readonly MemoryRow[]): string {
  return [
    '| after | live heap MB (after a full GC) | heap MB | outside the heap MB | RSS MB | peak RSS so far MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.phase} | ${Math.round(r.liveHeapMb)} | ${Math.round(r.heapTotalMb)} | ${Math.round(r.externalMb)} | ${Math.round(r.rssMb)} | ${Math.round(r.peakRssMb)} |`),
  ].join('\n');
}
