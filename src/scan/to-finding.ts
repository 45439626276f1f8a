// From the analysis' raw finding (syntax nodes) to the serialisable Finding of the report: relative
// paths, 1-based positions, source-mapped locations, the call path as data, severity by policy.
import type { RawFinding } from '../analysis/analyse-package.js';
import { functionName } from '../analysis/function-name.js';
import { contextualSeverity } from '../policy/severity.js';
import type { CallStep, Finding, SourceLocation } from '../model/report.js';

export type Locate = (file: string, line: number, column: number) => SourceLocation | null;

function describe(f: RawFinding): string {
  const op = f.hit.detection.operation;
  switch (f.frequency) {
    case 'per-call':
      if (f.deadBranch) return `${op} is on the per-call path of ${f.hook ? `${f.hook.kind} ${f.hook.target}` : 'a hook'} in a branch correct callers never take: ${f.deadBranch}`;
      return `${op} runs on every call of ${f.hook ? `${f.hook.kind} ${f.hook.target}` : 'a hook'}${f.path === 'error' ? ' (error path only)' : ''}${f.conditional ? ' (behind a configuration flag)' : ''}`;
    case 'once':
      return `${op} is on the per-call path of ${f.hook ? f.hook.target : 'a hook'} but guarded to run once`;
    case 'init':
      return f.hook ? `${op} runs under ${f.hook.kind} ${f.hook.target}, a set-up hook (${f.hook.hookFrequencyReason})` : `${op} runs at module load or set-up`;
    default:
      return `${op} is not reached from any hook or set-up code in the analysed files`;
  }
}

/** The cost figure of an audit: the calibrated table's when there is one (see src/calibrate/cost-table.ts). */
export type CostLookup = (auditId: string, builtIn: number) => number;

export function toFinding(f: RawFinding, root: number, rel: (file: string) => string, original: Locate, cost: CostLookup = (_, n) => n): Finding {
  const { audit, detection } = f.hit;
  const sf = f.unit.sf;
  const lc = sf.getLineAndCharacterOfPosition(detection.node.getStart(sf));
  const line = lc.line + 1;
  const column = lc.character + 1;
  const callPath: CallStep[] = f.chain.map((step, i) => {
    const s = step.fn.getSourceFile();
    const at = i === f.chain.length - 1 ? detection.node : (step.via ?? step.fn);
    const l = s.getLineAndCharacterOfPosition(at.getStart(s));
    return { function: functionName(step.fn), file: rel(s.fileName), line: l.line + 1, original: original(s.fileName, l.line + 1, l.character + 1) };
  });
  const severity = f.frequency === 'per-call' ? contextualSeverity(audit.defaultSeverity, f) : 'info';
  const finding: Finding = {
    ruleId: audit.id,
    severity,
    frequency: f.frequency,
    package: f.unit.pkgId,
    root,
    file: rel(f.unit.path),
    line,
    column,
    original: original(f.unit.path, line, column),
    hook: f.hook ? { id: f.hook.id, kind: f.hook.kind, target: f.hook.target, hookFrequency: f.hook.hookFrequency } : null,
    callPath,
    operation: detection.operation,
    message: describe(f),
    estimatedCostNs: cost(audit.id, audit.estimatedCostNs),
  };
  if (f.reachedFrom) finding.reachedFrom = f.reachedFrom;
  if (f.frequency === 'per-call') {
    finding.path = f.path;
    if (f.conditional) finding.conditional = true;
    if (f.deadBranch !== undefined) finding.deadBranch = f.deadBranch;
  }
  return finding;
}
