// reports/README.md: every scanned package ranked by measured overhead per span (the worst hook of
// each), then — for those without a measurement — by per-call findings, each with its findings. Pure
// and deterministic: ties are broken by name, and nothing depends on the date or the machine beyond
// the measured figures themselves.
import { formatNs, timesBareSpan } from '../../util/format-ns.js';
import { callChain } from '../../diff/format-diff.js';
import { cell, code, table } from '../../diff/markdown-text.js';
import { countsAsPerCall, isLivePerCall, SEVERITIES, type Finding, type Report, type Severity } from '../../model/report.js';
import { hasHook, isNoSpan, measuredOverhead, setUpOverhead } from '../../model/benchmark.js';
import { evidenceLabel } from '../../report/evidence-text.js';
import { hooksLine } from '../../report/render-bench.js';
import { bareSpanNsOf, type HookBenchmark } from '../../model/bench-overhead.js';

export interface RankedPackage {
  label: string;
  /** the worst measured hook, or null when none was measured */
  worst: { ns: number; hook: string } | null;
  /** median overhead per span over the measured hooks (a package's typical hook, where `worst` may be a set-up call such as createPool) */
  median: number | null;
  measured: number;
  benched: number;
  perCall: Record<Severity, number>;
  findings: Finding[];
}

export interface RankingOptions {
  /** what the numbers come from, e.g. "bench not available", shown under the title */
  benchNote: string;
  /** per-call findings listed per package before "… and N more" */
  maxFindings?: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const weight = (p: Record<Severity, number>): number => p.high * 1e6 + p.medium * 1e4 + p.low * 1e2 + p.info;

export function rankPackages(report: Report): RankedPackage[] {
  const benchmarks = ((report.benchmarks ?? null) ?? []).filter(hasHook);
  const ranked = report.packages.map((p): RankedPackage => {
    const label = `${p.name}@${p.version}`;
    const own = benchmarks.filter((b) => b.package === label);
    const measured = own.filter((b) => measuredOverhead(b) !== null);
    const worstEntry = measured.reduce<HookBenchmark | undefined>((w, b) => (w === undefined || measuredOverhead(b)! > measuredOverhead(w)! ? b : w), undefined);
    // a finding belongs to the package whose hook reaches it (a shared helper's cost is the caller's)
    const findings = report.findings.filter((f) => countsAsPerCall(f) && f.suppressed !== true && (f.reachedFrom ?? f.package) === label);
    // counted as the verdicts count: a finding the bench did not see run is listed, tagged, not tallied
    const perCall = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s && isLivePerCall(f)).length])) as Record<Severity, number>;
    return {
      label,
      worst: worstEntry ? { ns: measuredOverhead(worstEntry)!, hook: `${worstEntry.hook.kind} ${worstEntry.hook.target}` } : null,
      median: median(measured.map((b) => measuredOverhead(b)!)),
      measured: measured.length,
      benched: own.length,
      perCall,
      findings,
    };
  });
  return ranked.sort((a, b) => (b.worst?.ns ?? -1) - (a.worst?.ns ?? -1) || weight(b.perCall) - weight(a.perCall) || a.label.localeCompare(b.label));
}


function counts(p: Record<Severity, number>): string {
  const total = SEVERITIES.reduce((n, s) => n + p[s], 0);
  if (total === 0) return '–';
  return SEVERITIES.filter((s) => p[s] > 0).map((s) => `${p[s]} ${s}`).join(', ');
}

export function rankingTable(ranked: readonly RankedPackage[], bareSpanNs: number | null, limit = Infinity): string[] {
  const rows = ranked.slice(0, limit).map((r, i) => [
    String(i + 1),
    code(r.label),
    r.worst ? formatNs(r.worst.ns) : '–',
    (r.worst ? timesBareSpan(r.worst.ns, bareSpanNs) : null) ?? '–',
    r.worst ? code(r.worst.hook) : '–',
    r.median === null ? '–' : formatNs(r.median),
    r.benched > 0 ? `${r.measured}/${r.benched}` : '–',
    counts(r.perCall),
  ]);
  return table(['#', 'package', 'worst overhead / span', '× bare span', 'worst hook', 'median hook', 'hooks measured', 'per-call findings'], rows);
}

function findingLine(f: Finding): string {
  const where = `${f.file}:${f.line}` + (f.original ? ` (${f.original.file}:${f.original.line})` : '');
  const tags = [f.path === 'error' ? 'error path' : '', f.conditional ? 'conditional' : '', f.reachedFrom ? `in ${f.package}` : '', evidenceLabel(f) ?? ''].filter(Boolean);
  return `- **${f.severity}** ${code(f.ruleId)} ${code(where)}${tags.length ? ` _(${tags.join(', ')})_` : ''}: ${code(callChain(f))}`;
}

/** Set-up hooks by their cost per call: apart from the per-request ranking, never per span. */
export function setUpSection(report: Report): string[] {
  const entries = (report.benchmarks ?? []).filter((b) => setUpOverhead(b) !== null).sort((a, b) => setUpOverhead(b)! - setUpOverhead(a)! || a.package.localeCompare(b.package) || (a.hook?.target ?? '').localeCompare(b.hook?.target ?? ''));
  if (entries.length === 0) return [];
  const rows = entries.map((b, i) => [String(i + 1), code(b.package), code(`${b.hook!.kind} ${b.hook!.target}`), formatNs(setUpOverhead(b))]);
  return ['## Set-up hooks (per call)', '', 'Wrappers of set-up APIs (a logger\'s `configure`, `createPool`, a server or a router\'s `use`): each runs once per logger, pool, server or route, not per request. Their cost per call, ranked apart.', '', ...table(['#', 'package', 'hook', 'overhead / call'], rows), ''];
}

/** Measured hooks that started no span: their early exit's cost per call, and what stopped them. */
export function noSpanSection(report: Report): string[] {
  const entries = (report.benchmarks ?? []).filter((b) => isNoSpan(b) && setUpOverhead(b) === null).sort((a, b) => a.package.localeCompare(b.package) || (a.hook?.target ?? '').localeCompare(b.hook?.target ?? ''));
  if (entries.length === 0) return [];
  const rows = entries.map((b) => [code(b.package), code(`${b.hook!.kind} ${b.hook!.target}`), b.overheadNsPerSpan === null ? '–' : formatNs(b.overheadNsPerSpan), cell(b.spanPath?.condition ?? b.reason ?? '')]);
  return ['## Measured, no span', '', 'These hooks were measured but started no span on the harness\'s calls, even when given what their code reads before a span start: the figure is the per-call cost of the path they took, not the price of a span, and is neither ranked nor budgeted.', '', ...table(['package', 'hook', 'overhead / call', 'what stopped it'], rows), ''];
}

export function renderRanking(report: Report, options: RankingOptions): string {
  const ranked = rankPackages(report);
  const bare = bareSpanNsOf(report);
  const max = options.maxFindings ?? 20;
  const lines = [
    '# OpenTelemetry JS instrumentations, audited',
    '',
    `Generated by \`npm run reports\` with otel-audit ${report.tool.version} from the embedded default: the ${report.packages.length} packages under \`${report.root}\` that this repository's devDependencies install. The data: [scan.json](scan.json) (the JSON report, schemaVersion 1; a test validates it against the report schema).`,
    '',
    `- Ranked by the measured overhead per span of each package's costliest hook, then by per-call findings (high first). ${options.benchNote}`,
    bare === null ? '- No bare-span reference was measured.' : `- A bare span (\`startSpan().end()\`) cost ${formatNs(bare)} on the generating machine; timings are rounded to 3 significant digits and vary from machine to machine — compare the ranking, not the digits.`,
    `- Static estimates: ${report.costTable}. Per-call findings only (once/init code is in the JSON).`,
    '',
    '## Ranking (per request)',
    '',
    ...(report.benchSummary?.hooks ? [`Every scanned hook accounted for: ${hooksLine(report.benchSummary.hooks)}. Only hooks that started spans are ranked here; set-up hooks and hooks that started no span are listed below, per call.`, ''] : []),
    ...rankingTable(ranked, bare),
    '',
    ...setUpSection(report),
    ...noSpanSection(report),
    '## Per-call findings',
    '',
  ];
  const withFindings = ranked.filter((r) => r.findings.length > 0);
  if (withFindings.length === 0) lines.push('None.', '');
  for (const r of withFindings) {
    lines.push(`### ${r.label}`, '');
    for (const f of r.findings.slice(0, max)) lines.push(findingLine(f));
    if (r.findings.length > max) lines.push(`- … and ${r.findings.length - max} more in scan.json`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
