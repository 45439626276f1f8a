// How every view writes a duration and a multiple of the bare-span reference (terminal, Markdown,
// SARIF, HTML, diff, policy messages), so the same figure reads the same everywhere.

/** `850 ns`, `15.2 µs`, `2.3 µs`, `2.31 ms`: three significant figures are all a benchmark margin allows; `–` for no figure. */
export function formatNs(ns: number | null): string {
  if (ns === null) return '–';
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${Math.round(ns)} ns`;
  if (abs < 1_000_000) return `${threeFigures(ns / 1_000)} µs`;
  return `${threeFigures(ns / 1_000_000)} ms`;
}

function threeFigures(v: number): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = v.toFixed(digits);
  return digits === 0 ? text : text.replace(/\.?0+$/, '');
}

/** `35×`, `6.2×`, `0.25×` a bare span; null without a positive figure on either side. */
export function timesBareSpan(ns: number | null | undefined, bare: number | null | undefined): string | null {
  // a negative overhead is noise around zero: no multiple to speak of
  if (ns === null || ns === undefined || ns <= 0 || bare === null || bare === undefined || bare <= 0) return null;
  const x = ns / bare;
  return `${x >= 10 ? x.toFixed(0) : x >= 0.1 ? x.toFixed(1) : x.toFixed(2)}×`;
}
