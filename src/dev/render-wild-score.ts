// The human view of a corpus score (score-wild.ts prints it): the three figures first, then what a
// person acts on — unlabelled findings to label, false positives by class, missed costs.
import type { Ratio, Site, WildScore } from './wild-score.js';

export interface RunFacts {
  packages: number;
  wallMs: number;
  peakRssMb: number;
}

export function percent(r: Ratio): string {
  return r.value === null ? 'n/a' : `${(r.value * 100).toFixed(1)}% (${r.hits}/${r.total})`;
}

const where = (s: { package: string; file: string; line: number; ruleId: string }): string => `${s.package} ${s.file}:${s.line} ${s.ruleId}`;
const hooksOf = (s: Site): string => (s.hooks.length === 0 ? 'no hook' : s.hooks.length > 2 ? `${s.hooks.slice(0, 2).join(', ')} +${s.hooks.length - 2}` : s.hooks.join(', '));

export function renderWildScore(score: WildScore, run: RunFacts): string {
  const lines = [
    `otel-audit score:wild — ${run.packages} corpus packages, scan ${(run.wallMs / 1000).toFixed(1)} s, peak RSS ${Math.round(run.peakRssMb)} MB`,
    `per-call findings in scope: ${score.perCallFindings} at ${score.perCallSites} sites (${score.outOfScope} more in @opentelemetry and other packages the corpus only depends on, not scored)`,
    `labels: ${score.labels.total} (${score.labels.real} true costs, ${score.labels.false} false findings)`,
    '',
    `precision           ${percent(score.precision)}`,
    `precision at low+   ${percent(score.precisionLowPlus)}`,
    `recall              ${percent(score.recall)}`,
    '',
  ];
  lines.push(`unlabelled per-call sites: ${score.unlabelled.length}`);
  for (const s of score.unlabelled) lines.push(`  ${s.severity.padEnd(6)} ${where(s)}  [${s.operation}${s.errorPath ? ', error path' : ''}] under ${hooksOf(s)}`);
  const fpCount = score.falsePositives.reduce((n, g) => n + g.sites.length, 0);
  lines.push('', `false positives by reason: ${fpCount}`);
  for (const g of score.falsePositives) {
    lines.push(`  ${g.reason} (${g.sites.length})`);
    for (const { site } of g.sites) lines.push(`    ${site.severity.padEnd(6)} ${where(site)}`);
  }
  lines.push('', `missed true costs: ${score.missed.length}`);
  for (const m of score.missed) {
    const found = m.foundAs.length === 0 ? 'not reported' : `reported as ${m.foundAs.join('/')}`;
    lines.push(`  ${where(m.label)}  under ${m.label.hook ?? '?'} (${found})`);
  }
  return `${lines.join('\n')}\n`;
}
