// What the policy decided about a report: the threshold, the verdict, the budgets exceeded and the
// suppressions that expired. Kept apart from `errors` (what the run could not do): a budget exceeded
// is a judgement of the code, not a failure of the tool. Written by policy/, read by every renderer.
import { z } from 'zod/v4';
import { countBySeverity, isLivePerCall, SEVERITIES, type Finding } from './finding.js';

export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export const failOnSchema = z.enum(FAIL_ON);
export type FailOn = z.infer<typeof failOnSchema>;

export const VERDICTS = ['pass', 'warn', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

const count = z.int().min(0);
const severityCounts = z.object({ high: count, medium: count, low: count, info: count });

export const overBudgetSchema = z.object({
  package: z.string().meta({ description: '`name@version`' }),
  hook: z.string().nullable().meta({ description: 'target of the costliest measured hook' }),
  overheadNsPerSpan: z.number().nullable().meta({ description: 'null when the figures are untrusted (they never pass a budget)' }),
  budgetNs: z.number(),
  setting: z.string().meta({ description: 'the policy setting that holds the budget: `maxOverheadNsPerSpan` or `packages["<name>"].maxOverheadNsPerSpan`' }),
  message: z.string(),
});
export type OverBudget = z.infer<typeof overBudgetSchema>;

export const expiredSuppressionSchema = z.object({
  index: z.int().min(0).meta({ description: "position in the policy file's `suppressions`" }),
  until: z.string(),
  reason: z.string(),
  covered: z.int().min(0).meta({ description: 'findings it would have suppressed, now counted again' }),
  message: z.string(),
});
export type ExpiredSuppression = z.infer<typeof expiredSuppressionSchema>;

export const policyOutcomeSchema = z.object({
  source: z.string().nullable().meta({ description: 'the policy file applied, null when there was none' }),
  failOn: failOnSchema,
  verdict: z
    .enum(VERDICTS)
    .meta({ description: 'fail: a per-call unsuppressed finding at or above failOn, or a budget exceeded (exactly what exits 1); warn: other per-call findings; pass otherwise' }),
  failing: severityCounts.meta({ description: 'per-call, unsuppressed findings at or above failOn, by severity' }),
  warning: severityCounts.meta({ description: 'per-call, unsuppressed findings below failOn, by severity' }),
  overBudget: z.array(overBudgetSchema),
  expiredSuppressions: z.array(expiredSuppressionSchema),
  unchecked: z
    .int()
    .min(0)
    .optional()
    .meta({ description: 'errors of kind skipped-package or unreadable-file that fail the run (failOn is not none and --allow-skipped was not given): what the check could not look at' }),
});
export type PolicyOutcome = z.infer<typeof policyOutcomeSchema>;

/**
 * The outcome of a report nobody judged (a library scan() rendered as is): no policy file, no
 * threshold, so every live per-call finding is a warning and nothing fails.
 */
export function unjudged(findings: readonly Finding[]): PolicyOutcome {
  const warning = countBySeverity(findings.filter(isLivePerCall));
  const any = Object.values(warning).some((n) => n > 0);
  return { source: null, failOn: 'none', verdict: any ? 'warn' : 'pass', failing: countBySeverity([]), warning, overBudget: [], expiredSuppressions: [] };
}

/** Total of a by-severity count. */
export const total = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((a, b) => a + b, 0);
