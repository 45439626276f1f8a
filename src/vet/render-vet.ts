// Renderers of a vet result, pure: the verdict and its reasons on top, then how the package was
// obtained, then the evidence (the scan's own view, and with --against the diff).
import pc from 'picocolors';
import { visibleDeep } from '../util/visible.js';
import { renderDiffMarkdown } from '../diff/render-diff-markdown.js';
import { renderDiffTerminal } from '../diff/render-diff-terminal.js';
import { cell, code } from '../diff/markdown-text.js';
import { renderTerminal } from '../report/render-terminal.js';
import type { VetResult } from './vet-model.js';
import { isUncounted } from '../report/evidence-text.js';
import { renderVetHtml, type VetHtmlOptions } from './render-vet-html.js';
import { formatNs } from '../util/format-ns.js';

export const VET_FORMATS = ['terminal', 'json', 'markdown', 'html'] as const;
export type VetFormat = (typeof VET_FORMATS)[number];

function policyText(r: VetResult): string {
  const failOn = r.policy.failOn === 'none' ? 'findings never fail' : `fails on per-call findings at or above ${r.policy.failOn}`;
  const ns = (n: number): string => `${formatNs(n)} per span`;
  const budgets = [
    ...(r.policy.budgetNs === null ? [] : [`budget ${ns(r.policy.budgetNs)}`]),
    ...(r.policy.policyBudgetNs === undefined ? [] : [`${r.policy.budgetNs === null ? 'budget' : 'policy budget'} ${ns(r.policy.policyBudgetNs)} (policy file)`]),
  ];
  const budget = budgets.length === 0 ? 'no overhead budget' : budgets.join(', ');
  return `${failOn}; ${budget}${r.policy.source ? `; policy ${r.policy.source}` : ''}`;
}

export function renderVetTerminal(result: VetResult, options: { color?: boolean } = {}): string {
  // the package's strings (its name, tar entries in reasons, hook targets) are shown escaped
  const r = visibleDeep(result);
  const c = pc.createColors(options.color ?? false);
  const paint = r.verdict === 'fail' ? c.red : r.verdict === 'warn' ? c.yellow : c.green;
  const lines = [`${paint(c.bold(r.verdict.toUpperCase()))}  ${c.bold(`${r.package.name}@${r.package.version}`)}  ${c.dim(`(${policyText(r)})`)}`];
  for (const reason of r.reasons) lines.push(`  ${reason.level === 'fail' ? c.red('✗') : c.yellow('!')} ${reason.message}`);
  if (r.reasons.length === 0) lines.push(`  ${c.green('✓')} no per-call findings at or above low${r.policy.budgetNs === null ? '' : ', every measured hook within the budget'}`);
  lines.push('', `${c.dim('source')}        ${r.source}; unpacked with ${r.unpackedWith}`, `${c.dim('dependencies')}  ${r.dependencies.detail}`, `${c.dim('bench')}         ${r.bench.detail}`, '');
  lines.push(renderTerminal(r.report, { color: options.color ?? false, quiet: true }).trimEnd());
  if (r.against) {
    lines.push('', c.bold(`Compared with ${r.against.package.name}@${r.against.package.version} (${r.against.verdict})`));
    lines.push(renderDiffTerminal(r.against.diff, { failOn: r.policy.failOn, color: options.color ?? false }).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

export function renderVetMarkdown(r: VetResult): string {
  const icon = r.verdict === 'fail' ? '❌' : r.verdict === 'warn' ? '⚠️' : '✅';
  const lines = [`### ${icon} otel-audit vet: ${code(`${r.package.name}@${r.package.version}`)} — ${r.verdict}`, '', `_${cell(policyText(r))}_`, ''];
  for (const reason of r.reasons) lines.push(`- ${reason.level === 'fail' ? '**fail**' : 'warn'}: ${cell(reason.message)}`);
  if (r.reasons.length > 0) lines.push('');
  lines.push(`- source: ${cell(r.source)}; unpacked with ${r.unpackedWith}`, `- dependencies: ${cell(r.dependencies.detail)}`, `- bench: ${cell(r.bench.detail)}`, '');
  const s = r.report.summary;
  lines.push(`${s.hooks} hooks · ${s.findings} findings (${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low, ${s.bySeverity.info} info) · ${s.perCall} per-call`, '');
  // per-call by the call graph, but the bench ran the hook and not the operation: shown, not counted
  const unseen = r.report.findings.filter(isUncounted);
  for (const f of unseen) lines.push(`- not seen at run time, not counted: ${code(f.ruleId)} ${code(`${f.file}:${f.line}`)} (${cell(f.operation)})`);
  if (unseen.length > 0) lines.push('');
  if (r.against) {
    lines.push(`#### Compared with ${code(`${r.against.package.name}@${r.against.package.version}`)} (${r.against.verdict})`, '');
    lines.push(renderDiffMarkdown(r.against.diff, { failOn: r.policy.failOn }).replace(/^### /, '#### '));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderVet(r: VetResult, format: VetFormat, options: { color?: boolean; html?: VetHtmlOptions } = {}): string {
  switch (format) {
    case 'html':
      return renderVetHtml(r, { ...options.html, policyText: policyText(r) });
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'markdown':
      return renderVetMarkdown(r);
    case 'terminal':
      return renderVetTerminal(r, options);
  }
}
