// Reads a rule's `counters.confirm` table (audits/<id>.meta.ts): which run-time counter names show
// that a finding's static operation ran. Shared by the bench join and the registry's own checks, so
// the table means one thing everywhere.
import { isNotPossible, type AuditMeta, type NotPossible } from '../../analysis/audit-meta.js';

/**
 * The counters confirming `operation` for `rule`, `{ none }` when the rule says it cannot be counted,
 * undefined when the rule does not list the operation. Exact keys win over `*` keys; among those the
 * longest prefix wins, and `*` in the counter names becomes the rest of the operation.
 */
export function confirmation(rule: AuditMeta, operation: string): readonly string[] | NotPossible | undefined {
  if (isNotPossible(rule.counters)) return rule.counters;
  const table = rule.counters.confirm;
  if (Object.hasOwn(table, operation)) return table[operation];
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (!key.endsWith('*') || !operation.startsWith(key.slice(0, -1))) continue;
    if (best === undefined || key.length > best.length) best = key;
  }
  if (best === undefined) return undefined;
  const entry = table[best]!;
  if (isNotPossible(entry)) return entry;
  const rest = operation.slice(best.length - 1);
  return entry.map((name) => name.replace('*', rest));
}

/** Counter names that confirm the operation; none when it cannot be counted or is not listed. */
export function confirmingCounters(rule: AuditMeta | undefined, operation: string): readonly string[] {
  const found = rule === undefined ? undefined : confirmation(rule, operation);
  return found === undefined || isNotPossible(found) ? [] : found;
}
