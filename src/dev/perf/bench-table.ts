// Pure helpers of the scan-vs-parse benchmark: medians, the target check and the Markdown table that
// goes into the README's "Performance" section.

export const RATIO_TARGET = 2.0;
export const RSS_TARGET_MB = 600;

export interface BenchResult {
  files: number;
  bytes: number;
  scanS: number;
  parseS: number;
  ratio: number;
  scanRssMb: number;
  parseRssMb: number;
  ratioHolds: boolean;
  rssHolds: boolean;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function benchResult(files: number, bytes: number, scanMs: number[], parseMs: number[], scanRss: number[], parseRss: number[]): BenchResult {
  const scanS = median(scanMs) / 1000;
  const parseS = median(parseMs) / 1000;
  const ratio = scanS / parseS;
  const scanRssMb = median(scanRss);
  return {
    files, bytes, scanS, parseS, ratio, scanRssMb, parseRssMb: median(parseRss),
    ratioHolds: ratio <= RATIO_TARGET, rssHolds: scanRssMb <= RSS_TARGET_MB,
  };
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function markdownTable(r: BenchResult): string {
  return [
    `| files | bytes | scan s | parse s | ratio | scan peak RSS MB | parse peak RSS MB | ratio ≤ ${RATIO_TARGET.toFixed(1)} | RSS ≤ ${RSS_TARGET_MB} MB |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |',
    `| ${r.files} | ${r.bytes.toLocaleString('en-US')} | ${r.scanS.toFixed(2)} | ${r.parseS.toFixed(2)} | ${r.ratio.toFixed(2)} | ${Math.round(r.scanRssMb)} | ${Math.round(r.parseRssMb)} | ${yesNo(r.ratioHolds)} | ${yesNo(r.rssHolds)} |`,
  ].join('\n');
}
