// The registry's rule metadata for the views that describe rules: the metadata loads without the
// detectors and the compiler, and is still only read when a format needs it.
import type { RuleInfo } from '../report/rule-info.js';

export type { RuleInfo };

export async function loadRuleInfo(): Promise<RuleInfo[]> {
  const { audits } = await import('../../audits/index.js');
  return audits.map(({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }) => ({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }));
}
