// The vet verdict, pure: pass / warn / fail with the reasons, most serious first.
// fail — a per-call, unsuppressed finding at or above the policy's failOn (default high), or a hook
//        whose measured overhead per span exceeds --budget-ns or the policy file's budget;
// warn — what should be looked at but does not fail adoption: per-call findings below the threshold
//        (info excepted: error paths and the like), a budget that could not be checked (no bench, or
//        hooks it could not measure), files the scan skipped, dependencies that were not installed,
//        or no hook found at all (is this an instrumentation?); files or packages it could not analyse
//        fail (unless --allow-skipped), as in scan;
// pass — none of these.
import { countsTowardsFailure, severityAtLeast } from '../policy/exit-code.js';
import { isLivePerCall, SEVERITIES, type Finding, type Report } from '../model/report.js';
import { hasHook, measuredOverhead } from '../model/benchmark.js';
import type { DependencyInstall } from './install-dependencies.js';
import type { BenchOutcome } from './run-bench.js';
import type { Reason, Verdict, VetPolicy } from './vet-model.js';
import { evidenceLabel } from '../report/evidence-text.js';
import { formatNs } from '../util/format-ns.js';

export interface VerdictInput {
  report: Report;
  bench: Pick<BenchOutcome, 'status' | 'detail'>;
  dependencies: DependencyInstall;
  policy: VetPolicy;
}

function findingReason(f: Finding, level: Reason['level']): Reason {
  const hook = f.hook ? ` under ${f.hook.kind} ${f.hook.target}` : '';
  // which evidence says so, once the bench ran: the call graph, the block coverage, or both
  const evidence = evidenceLabel(f);
  return { level, code: 'finding', message: `${f.severity} ${f.ruleId}: ${f.operation} on every call${hook} (${f.file}:${f.line})${evidence !== null ? `, ${evidence}` : ''}`, finding: f };
}

const bySeverity = (a: Finding, b: Finding): number => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);

function findingReasons(report: Report, policy: VetPolicy): Reason[] {
  const perCall = report.findings.filter(isLivePerCall).sort(bySeverity);
  const failing = perCall.filter((f) => countsTowardsFailure(f, policy.failOn));
  const warning = perCall.filter((f) => !failing.includes(f) && severityAtLeast(f.severity, 'low'));
  return [...failing.map((f) => findingReason(f, 'fail')), ...warning.map((f) => findingReason(f, 'warn'))];
}

/**
 * The budget, checked on every measured hook. A hook the bench could not measure (the generic harness
 * cannot drive every target) is no fault of the package: it only matters when a budget was asked for,
 * as a warning that the budget was not checked there.
 */
function budgetReasons(report: Report, bench: VerdictInput['bench'], budgetNs: number | null): Reason[] {
  if (budgetNs === null) return [];
  const entries = report.benchmarks ?? null;
  if (bench.status !== 'measured' || entries === null) {
    return [{ level: 'warn', code: 'budget-unchecked', message: `--budget-ns ${budgetNs} not checked: ${bench.detail}` }];
  }
  const over = entries.filter(hasHook).flatMap((b): Reason[] => {
    const ns = measuredOverhead(b);
    if (ns === null || ns <= budgetNs) return [];
    return [{ level: 'fail', code: 'budget', message: `${b.hook.kind} ${b.hook.target}: ${formatNs(ns)} overhead per span, over the budget of ${formatNs(budgetNs)}` }];
  });
  // counted on the whole list: a package that fails to load is one entry without a hook
  const unmeasured = entries.filter((b) => b.status === 'failed').length;
  if (unmeasured > 0)
    over.push({ level: 'warn', code: 'budget-unchecked', message: `--budget-ns not checked on ${unmeasured} case${unmeasured === 1 ? '' : 's'} the bench could not measure (${bench.detail})` });
  return over;
}

function otherWarnings(input: VerdictInput): Reason[] {
  const out: Reason[] = [];
  const { report, dependencies } = input;
  if (report.packages.every((p) => p.hooks.length === 0))
    out.push({ level: 'warn', code: 'no-hooks', message: 'no hooks found: nothing runs per call that otel-audit recognises (is this an instrumentation?)' });
  if (dependencies.source === 'not-installed' || (dependencies.notInstalled?.length ?? 0) > 0) out.push({ level: 'warn', code: 'dependencies', message: dependencies.detail });
  for (const e of report.policy?.expiredSuppressions ?? []) out.push({ level: 'warn', code: 'policy', message: e.message });
  const errors = report.errors.length;
  // what the check could not look at (a FIFO, an unreadable or too-deep file, a skipped package) fails
  // unless --allow-skipped: otherwise a package would pass by hiding its hot path from the scan
  const unchecked = report.policy?.unchecked ?? 0;
  if (unchecked > 0)
    out.push({
      level: 'fail',
      code: 'scan-error',
      message: `${unchecked} file${unchecked === 1 ? '' : 's'} or package${unchecked === 1 ? '' : 's'} could not be analysed (listed below): the check cannot vouch for them (--allow-skipped to accept)`,
    });
  else if (errors > 0)
    out.push({
      level: 'warn',
      code: 'scan-error',
      message: `the scan skipped ${errors} file${errors === 1 ? '' : 's'} or package${errors === 1 ? '' : 's'} (listed below): the verdict does not cover them`,
    });
  return out;
}

/**
 * Budgets of the policy file (overall or per package) were checked by the policy and are in the
 * report's policy section when exceeded. When nothing was measured they could not be: say so, as for
 * --budget-ns (which already says it when given, so once is enough).
 */
function policyBudgetReasons(input: VerdictInput): Reason[] {
  const over: Reason[] = (input.report.policy?.overBudget ?? []).map((e) => ({ level: 'fail', code: 'budget', message: e.message }));
  const budget = input.policy.policyBudgetNs;
  if (budget === undefined || input.policy.budgetNs !== null || input.bench.status === 'measured') return over;
  const where = input.policy.source ? ` of ${input.policy.source}` : '';
  return [...over, { level: 'warn', code: 'budget-unchecked', message: `the budget of ${formatNs(budget)} per span${where} not checked: ${input.bench.detail}` }];
}

export function vetVerdict(input: VerdictInput): { verdict: Verdict; reasons: Reason[] } {
  const policyBudgets = policyBudgetReasons(input);
  const all = [...findingReasons(input.report, input.policy), ...policyBudgets, ...budgetReasons(input.report, input.bench, input.policy.budgetNs), ...otherWarnings(input)];
  const reasons = [...all.filter((r) => r.level === 'fail'), ...all.filter((r) => r.level === 'warn')];
  const verdict: Verdict = reasons.some((r) => r.level === 'fail') ? 'fail' : reasons.length > 0 ? 'warn' : 'pass';
  return { verdict, reasons };
}
