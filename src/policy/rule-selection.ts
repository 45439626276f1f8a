// `--rules id,id`: split, trim, de-duplicate and validate against the audit registry. An unknown id is
// a usage error naming every valid id — silently ignoring a typo would turn a rule off unnoticed.

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseRuleIds(raw: string | readonly string[], known: readonly string[]): string[] {
  // yargs hands over an array when --rules is repeated; accept both "a,b" and "--rules a --rules b".
  const parts = (typeof raw === 'string' ? [raw] : raw).flatMap((s) => String(s).split(','));
  const ids = [...new Set(parts.map((s) => s.trim()).filter((s) => s !== ''))];
  if (ids.length === 0) throw new UsageError(`--rules needs at least one rule id; valid ids: ${known.join(', ')}`);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? 'rule id' : 'rule ids';
    throw new UsageError(`unknown ${noun}: ${unknown.join(', ')}; valid ids: ${known.join(', ')}`);
  }
  return ids;
}
