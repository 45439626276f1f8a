// What the Markdown, SARIF and HTML views say about a rule: the audit's metadata without its detector.
// The renderers take it as data (pure, testable with any list); src/render-inputs/load-rule-info.ts
// reads the registry when a format needs it.
import type { Audit } from '../analysis/audit.js';

export type RuleInfo = Pick<Audit, 'id' | 'title' | 'defaultSeverity' | 'rationale' | 'fix' | 'estimatedCostNs'>;
