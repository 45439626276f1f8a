// One finding as a block of terminal lines: the headline (severity, rule, location, original TS
// location), the message, the hook, and the call path as an indented chain.
import type pc from 'picocolors';
import type { Finding, Report, Severity } from '../model/report.js';
import { formatNs, timesBareSpan } from '../util/format-ns.js';
import { joinRoot, withinPackage } from '../model/report-paths.js';
import { evidenceLabel, evidenceSentence } from './evidence-text.js';

export type Colors = ReturnType<typeof pc.createColors>;

const SEVERITY_WIDTH = 6;

export function paintSeverity(c: Colors, s: Severity): string {
  const label = s.padEnd(SEVERITY_WIDTH);
  if (s === 'high') return c.red(c.bold(label));
  if (s === 'medium') return c.yellow(label);
  if (s === 'low') return c.cyan(label);
  return c.gray(label);
}

function tags(f: Finding): string[] {
  const t: string[] = [];
  if (f.frequency !== 'per-call') t.push(f.frequency);
  if (f.conditional === true) t.push('conditional');
  if (f.path === 'error') t.push('error path');
  if (f.deadBranch !== undefined) t.push('dead branch');
  if (f.suppressed === true) t.push('suppressed');
  // which evidence says it runs per call: the static call graph, the bench's coverage, or both
  const evidence = evidenceLabel(f);
  if (evidence !== null && f.evidence !== 'both') t.push(evidence);
  return t;
}

export function renderFinding(f: Finding, report: Report, dir: string | undefined, c: Colors): string[] {
  const root = report.roots[f.root];
  const where = `${joinRoot(root, f.file)}:${f.line}:${f.column}`;
  const original = f.original ? c.dim(`  (${joinRoot(root, f.original.file)}:${f.original.line})`) : '';
  const t = tags(f);
  const tagText = t.length > 0 ? c.dim(`  [${t.join(', ')}]`) : '';
  const lines = [`  ${paintSeverity(c, f.severity)} ${c.bold(f.ruleId)}  ${where}${original}${tagText}`];
  lines.push(`         ${f.message}`);
  if (f.hook !== null) {
    const reached = f.reachedFrom !== undefined ? c.dim(`  (reached from ${f.reachedFrom})`) : '';
    lines.push(`         ${c.dim('hook')} ${f.hook.kind} ${f.hook.target}${reached}`);
  }
  const measured = measuredLine(f, report, c);
  if (measured !== null) lines.push(measured);
  lines.push(...renderCallPath(f, dir, c));
  return lines;
}

/**
 * `scan --bench`: what the bench measured for this finding's hook, and what its block coverage saw of
 * the operation (evidence); without coverage, whether the operation's counter ran there.
 */
function measuredLine(f: Finding, report: Report, c: Colors): string | null {
  const sentence = evidenceSentence(f);
  if (f.measuredOverheadNsPerSpan === undefined && sentence === null) return null;
  const x = f.measuredOverheadNsPerSpan === undefined ? null : timesBareSpan(f.measuredOverheadNsPerSpan, report.reference?.bareSpanNs);
  const figure = f.measuredOverheadNsPerSpan === undefined ? '' : `${formatNs(f.measuredOverheadNsPerSpan)}/span${x ? ` (${x} a bare span)` : ''} · `;
  const seen =
    sentence !== null
      ? f.evidence === 'both' || f.evidence === 'runtime'
        ? c.bold(sentence)
        : c.dim(sentence)
      : f.confirmed === true
        ? c.bold('confirmed: ran at run time')
        : c.dim('not seen at run time');
  return `         ${c.dim('bench')} ${figure}${seen}`;
}

/**
 * `hook → fn (file:line) → … → operation`, one step per line so long paths stay readable. Without a
 * hook (init/unknown code) the chain starts at the first function; with neither, there is no chain.
 */
function renderCallPath(f: Finding, dir: string | undefined, c: Colors): string[] {
  const steps = f.callPath.map((step) => {
    const original = step.original ? c.dim(` [${withinPackage(dir, step.original.file)}:${step.original.line}]`) : '';
    return `${step.function} ${c.dim(`(${withinPackage(dir, step.file)}:${step.line})`)}${original}`;
  });
  const chain = f.hook !== null ? [`${f.hook.kind} ${f.hook.target}`, ...steps] : steps;
  if (chain.length === 0) return [];
  const arrow = `              ${c.dim('→')} `;
  return [`         ${c.dim('path')} ${chain[0]}`, ...chain.slice(1).map((s) => arrow + s), arrow + c.bold(f.operation)];
}
