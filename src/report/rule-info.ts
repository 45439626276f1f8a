// What the Markdown, SARIF and HTML views say about a rule: the audit's metadata without its detector.
// The renderers take it as data (pure, testable with any list); src/render-inputs/load-rule-info.ts
// reads the registry when a format needs it.
import type { AuditMeta } from '../analysis/audit-meta.js';

export type RuleInfo = Pick<AuditMeta, 'id' | 'title' | 'defaultSeverity' | 'rationale' | 'fix' | 'estimatedCostNs'>;
