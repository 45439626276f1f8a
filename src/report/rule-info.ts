// What the Markdown and SARIF views say about a rule: the audit's metadata without its detector.
// The renderers take it as data (pure, testable with any list); `loadRuleInfo` fetches the registry
// only when a format needs it, because importing the audits loads the compiler with them.
import type { Audit } from '../analysis/audit.js';

export type RuleInfo = Pick<Audit, 'id' | 'title' | 'defaultSeverity' | 'rationale' | 'fix' | 'estimatedCostNs'>;

export async function loadRuleInfo(): Promise<RuleInfo[]> {
  const { audits } = await import('../../audits/index.js');
  return audits.map(({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }) => ({ id, title, defaultSeverity, rationale, fix, estimatedCostNs }));
}
