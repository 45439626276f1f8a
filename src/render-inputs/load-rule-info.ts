// The registry's rule metadata for the views that describe rules. Importing the audits loads the
// compiler with them, so this is only called when a format needs it.
import type { RuleInfo } from '../report/rule-info.js';

export type { RuleInfo };

export async function loadRuleInfo(): Promise<RuleInfo[]> {
  const { audits } = await import('../../audits/index.js');
  return audits.map(({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }) => ({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }));
}
