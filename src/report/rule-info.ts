// What the Markdown and SARIF views say about a rule: the audit's metadata without its detector.
// The renderers take it as data (pure, testable with any list); `loadRuleInfo` fetches the registry's
// metadata (which loads without the detectors and the compiler) only when a format needs it.
import type { AuditMeta } from '../analysis/audit-meta.js';

export type RuleInfo = Pick<AuditMeta, 'id' | 'title' | 'defaultSeverity' | 'rationale' | 'fix' | 'estimatedCostNs'>;

export async function loadRuleInfo(): Promise<RuleInfo[]> {
  const { audits } = await import('../../audits/index.js');
  return audits.map(({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }) => ({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }));
}
