// Filter forms: plain form controls (keyboard and screen-reader usable as they are) that the page script
// reads. A form names the items it filters (a CSS selector in data-items); each control names the
// data-* attribute it matches (data-filter). Without JavaScript every item shows. The scan page's
// findings form keeps its historical ids (#filters, #filter-rule, #filter-status, #no-match).
import { FREQUENCIES, SEVERITIES, type Finding } from '../../model/report.js';
import type { RuleInfo } from '../rule-info.js';
import { escapeHtml as h } from './escape.js';

export interface FilterOption {
  /** `a|b` matches an item whose attribute is a or b; '' matches every item */
  value: string;
  text: string;
  selected?: boolean;
}

export type FilterControl =
  | { kind: 'select'; key: string; label: string; options: FilterOption[] }
  /** a checkbox: unchecked hides the items whose data-<key> is "true" */
  | { kind: 'include'; key: string; label: string }
  /** free text, matched against the item's text */
  | { kind: 'text'; label: string; placeholder: string };

export interface FilterForm {
  id: string;
  /** control ids are `<prefix>-<key>` */
  prefix: string;
  label: string;
  /** CSS selector of the items the form shows and hides */
  items: string;
  /** CSS selector of containers hidden while none of their items shows */
  groups?: string;
  /** what an item is, singular: the status says "Showing 3 of 5 findings." */
  noun: string;
  /** id of the heading overview buttons move the focus to after setting a filter */
  focus: string;
  /** id of the "nothing matches" line */
  none: { id: string; text: string };
  /** id of the live status line */
  status: string;
  controls: FilterControl[];
}

export const uniqueSorted = (values: readonly string[]): string[] => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
export const option = (value: string, text: string, selected = false): FilterOption => ({ value, text, ...(selected ? { selected } : {}) });

function control(c: FilterControl, prefix: string): string {
  if (c.kind === 'include') {
    return `<div class="check"><input type="checkbox" id="${prefix}-${c.key}" data-filter="${c.key}" data-include><label for="${prefix}-${c.key}">${h(c.label)}</label></div>`;
  }
  if (c.kind === 'text') {
    return `<div><label for="${prefix}-text">${h(c.label)}</label><input type="search" id="${prefix}-text" data-filter="text" placeholder="${h(c.placeholder)}"></div>`;
  }
  const options = c.options.map((o) => `<option value="${h(o.value)}"${o.selected ? ' selected' : ''}>${h(o.text)}</option>`).join('');
  return `<div><label for="${prefix}-${c.key}">${h(c.label)}</label><select id="${prefix}-${c.key}" data-filter="${c.key}">${options}</select></div>`;
}

export function renderFilterForm(f: FilterForm): string {
  const data = [
    `data-items="${h(f.items)}"`,
    ...(f.groups ? [`data-groups="${h(f.groups)}"`] : []),
    `data-noun="${h(f.noun)}"`,
    `data-status="${h(f.status)}"`,
    `data-none="${h(f.none.id)}"`,
    `data-focus="${h(f.focus)}"`,
  ];
  return `<form class="filters" id="${h(f.id)}" role="search" aria-label="${h(f.label)}" ${data.join(' ')}>
${f.controls.map((c) => control(c, f.prefix)).join('\n')}
<div><button type="reset">Reset filters</button></div>
</form>
<p id="${h(f.status)}" class="filter-status" role="status" aria-live="polite"></p>
<p id="${h(f.none.id)}" hidden>${h(f.none.text)}</p>`;
}

/** The rule choices, with the rule's title when the metadata is known. */
export function ruleOptions(ruleIds: readonly string[], rules: ReadonlyMap<string, RuleInfo>): FilterOption[] {
  return [option('', 'all rules'), ...uniqueSorted(ruleIds).map((r) => option(r, rules.has(r) ? `${r} — ${rules.get(r)!.title}` : r))];
}

export const severityOptions = (): FilterOption[] => [option('', 'all severities'), ...SEVERITIES.map((s) => option(s, s))];

/** Per-call findings by default: the ones that cost on every instrumented call. */
export const frequencyOptions = (): FilterOption[] => [option('per-call', 'per call', true), option('', 'any frequency'), ...FREQUENCIES.filter((f) => f !== 'per-call').map((f) => option(f, f))];

/** The scan page's findings filters: package, rule, severity, frequency, suppressed, text. */
export function renderFilters(findings: readonly Finding[], rules: ReadonlyMap<string, RuleInfo>): string {
  return renderFilterForm({
    id: 'filters',
    prefix: 'filter',
    label: 'Filter findings',
    items: '#findings article.finding',
    noun: 'finding',
    focus: 'findings-h',
    none: { id: 'no-match', text: 'No findings match the filters.' },
    status: 'filter-status',
    controls: [
      { kind: 'select', key: 'package', label: 'Package', options: [option('', 'all packages'), ...uniqueSorted(findings.map((f) => f.package)).map((p) => option(p, p))] },
      {
        kind: 'select',
        key: 'rule',
        label: 'Rule',
        options: ruleOptions(
          findings.map((f) => f.ruleId),
          rules,
        ),
      },
      { kind: 'select', key: 'severity', label: 'Severity', options: severityOptions() },
      { kind: 'select', key: 'frequency', label: 'Runs', options: frequencyOptions() },
      { kind: 'include', key: 'suppressed', label: 'include suppressed' },
      { kind: 'text', label: 'Text', placeholder: 'function, file, operation' },
    ],
  });
}
