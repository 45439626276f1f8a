// The findings filters: plain form controls (keyboard and screen-reader usable as they are), the
// choices taken from the report. The page script reads them; without JavaScript every card shows.
import { FREQUENCIES, SEVERITIES, type Finding } from '../model.js';
import type { RuleInfo } from '../rule-info.js';
import { escapeHtml as h } from './escape.js';

const unique = (values: string[]): string[] => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const option = (value: string, text: string, selected = false): string => `<option value="${h(value)}"${selected ? ' selected' : ''}>${h(text)}</option>`;

export function renderFilters(findings: readonly Finding[], rules: ReadonlyMap<string, RuleInfo>): string {
  const packages = unique(findings.map((f) => f.package));
  const ruleIds = unique(findings.map((f) => f.ruleId));
  const select = (id: string, label: string, options: string[]): string => `<label for="${id}">${label}</label><select id="${id}">${options.join('')}</select>`;
  return `<form class="filters" id="filters" role="search" aria-label="Filter findings">
<div>${select('filter-package', 'Package', [option('', 'all packages'), ...packages.map((p) => option(p, p))])}</div>
<div>${select('filter-rule', 'Rule', [option('', 'all rules'), ...ruleIds.map((r) => option(r, rules.has(r) ? `${r} — ${rules.get(r)!.title}` : r))])}</div>
<div>${select('filter-severity', 'Severity', [option('', 'all severities'), ...SEVERITIES.map((s) => option(s, s))])}</div>
<div>${select('filter-frequency', 'Runs', [option('per-call', 'per call', true), option('', 'any frequency'), ...FREQUENCIES.filter((f) => f !== 'per-call').map((f) => option(f, f))])}</div>
<div class="check"><input type="checkbox" id="filter-suppressed"><label for="filter-suppressed">include suppressed</label></div>
<div><label for="filter-text">Text</label><input type="search" id="filter-text" placeholder="function, file, operation"></div>
<div><button type="reset">Reset filters</button></div>
</form>
<p id="filter-status" role="status" aria-live="polite"></p>`;
}
