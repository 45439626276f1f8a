// A finding and the pieces it is made of: where an expensive operation is, which hook reaches it, by
// which call path, and how often it runs. Plain serialisable data; the schema is the single source of
// the type and of the published JSON Schema (schema/report.json).
import { z } from 'zod/v4';

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const FREQUENCIES = ['per-call', 'once', 'init', 'unknown'] as const;
export const frequencySchema = z.enum(FREQUENCIES).meta({
  description:
    'How often the flagged operation runs. per-call: reachable from a hook and not guarded to run once; once: on a hook path, but behind a lazy cache or first-call flag; init: module top level, constructors, init()/patch/unpatch, enable/disable, wrapper factories, and code under a set-up hook (hook.hookFrequency set-up); unknown: reached neither from a hook nor from set-up code in what was analysed.',
});
export type Frequency = z.infer<typeof frequencySchema>;

export const HOOK_KINDS = ['wrap', 'diagnostics-channel', 'span-processor', 'sampler', 'propagator', 'exporter', 'log-processor', 'assign', 'proxy', 'event', 'middleware', 'scenario'] as const;
export const hookKindSchema = z.enum(HOOK_KINDS).meta({
  description:
    "How the hook is installed or declared. assign: a function stored over one user code calls (assignment, defineProperty, a patch callback's replacement), or a method of an object of the package's own class handed to the patched module (moduleExports.useInstrumenter(new X())); proxy: a trap of new Proxy(target, { apply, construct, get }); event: a per-operation listener, event processor, integration per-event method, either half of a before/after hook interface (beforeEvaluation/afterEvaluation) or instrumentation config callback; middleware: request middleware or a framework's per-request hook; `scenario` is bench-only: a fidelity scenario driving a real target through the instrumentation.",
});
export type HookKind = z.infer<typeof hookKindSchema>;

export const sourceLocationSchema = z.object({
  file: z.string(),
  line: z.int().min(1),
});
export type SourceLocation = z.infer<typeof sourceLocationSchema>;

export const HOOK_FREQUENCIES = ['per-call', 'set-up'] as const;
export const hookFrequencySchema = z.enum(HOOK_FREQUENCIES).meta({
  description:
    'How often the hook itself runs: per-call for code on the request path (a wrapped query, a span processor onEnd); set-up for a wrapper of a set-up API of the target library (logger configure, createPool, router use …), which runs when the application sets up, not per request. Absent in reports written before it existed and on bench entries.',
});
export type HookFrequency = z.infer<typeof hookFrequencySchema>;

export const hookRefSchema = z.object({
  id: z.string().meta({ description: '`kind:target`, numbered `#n` when a package has the same target twice' }),
  kind: hookKindSchema,
  target: z.string().meta({ description: 'what is hooked: `pg:Client.prototype.query`, a channel name, `Processor.onEnd` …' }),
  hookFrequency: hookFrequencySchema.optional(),
});
export type HookRef = z.infer<typeof hookRefSchema>;

export const callStepSchema = z.object({
  function: z.string().meta({ description: 'function name as written (`Class.method`, `patchedQuery`, `<anonymous>` …)' }),
  file: z.string(),
  line: z.int().min(1).meta({ description: 'line of the call that leads to the next step (for the last step: the operation itself)' }),
  original: sourceLocationSchema.nullable().optional(),
});
export type CallStep = z.infer<typeof callStepSchema>;

export const EVIDENCE = ['static', 'runtime', 'both', 'static-not-seen'] as const;
export const evidenceSchema = z.enum(EVIDENCE).meta({
  description:
    "What says the operation runs per call, once a bench ran the hook (`scan --bench`, `vet`): static — the call graph only (the hook was not measured, or its function did not run); both — the call graph, and the bench ran the operation's block at least once per call; runtime — only the bench (an audited site the analysis called once, init or unknown, or reached from no hook, whose block ran at least once per call under a measured hook); static-not-seen — the call graph says per call, the hook's function ran under the bench and the operation's block did not run (\"static, not seen at run time\"). Absent without a bench.",
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const runtimeEvidenceSchema = z
  .object({
    perCall: z.number().min(0).meta({ description: "times the operation's block ran per measured call of the hook (V8 block coverage)" }),
    reached: z.boolean().meta({ description: 'the block ran at least once in the measured calls' }),
    hookRan: z
      .boolean()
      .meta({ description: "the function the call path starts in (the hook's own) ran in those calls: false means the bench did not exercise this path, and says nothing about the operation" }),
    spansPerCall: z
      .number()
      .min(0)
      .meta({ description: 'spans the measured hook started per call: a hook that started none took an early exit, and what it did not run is weak evidence (see countUnconfirmed)' }),
    benchHook: z.string().meta({ description: 'target of the bench case it was measured in' }),
  })
  .meta({ description: 'What the bench saw of this operation (`scan --bench`, `vet` with the bench): per-call count of its block under the hook that reaches it.' });
export type RuntimeEvidence = z.infer<typeof runtimeEvidenceSchema>;

export const findingSchema = z.object({
  ruleId: z.string().regex(/^[a-z][a-z0-9-]*$/),
  severity: severitySchema,
  frequency: frequencySchema,
  package: z.string().meta({ description: '`name@version` of the package the code belongs to' }),
  root: z.int().min(0).meta({ description: "index into the report's roots of the scanned path this finding's file is relative to" }),
  file: z.string(),
  line: z.int().min(1),
  column: z.int().min(1),
  original: sourceLocationSchema.nullable().meta({ description: 'where the source map says this came from (src/*.ts), or null' }),
  hook: hookRefSchema.nullable(),
  reachedFrom: z.string().optional().meta({ description: 'package (name@version) whose hook reaches this code, when it is not `package` itself' }),
  callPath: z.array(callStepSchema),
  operation: z.string().meta({ description: 'the expensive operation, e.g. `fs.readFileSync`, `require(<pkg>/package.json)`' }),
  message: z.string(),
  estimatedCostNs: z.number(),
  conditional: z.boolean().optional().meta({ description: 'only runs when a configuration or debug flag is set' }),
  path: z.enum(['normal', 'error']).optional().meta({
    description:
      '`error` when it only runs when the call fails: in a catch block, a throw, an error callback, or an Error built to be handed on as the failure. Per-call findings on the error path are reported but do not count as per call (summary.errorPath), unless the bench saw them run on every call (evidence both or runtime)',
  }),
  deadBranch: z.string().optional().meta({
    description:
      'per-call findings only: why the branch holding it is one correct callers never take (a defensive check on a parameter, a switch default that only fails, an assertUnreachable helper); such findings stay in the report but do not count as per call',
  }),
  suppressed: z.boolean().optional(),
  suppressionReason: z.string().optional().meta({ description: 'the `reason` of the policy suppression that applies (set with `suppressed`)' }),
  measuredOverheadNsPerSpan: z.number().optional().meta({ description: "scan --bench only: the measured overhead per span of the bench case whose hook matches this finding's hook" }),
  confirmed: z.boolean().optional().meta({ description: "scan --bench only: the finding's operation was counted at run time in that case; `load`: at the finding's line in the app under load" }),
  perRequestUnderLoad: z
    .number()
    .optional()
    .meta({ description: "`load` only: times per request the finding's operation ran at its line in the app under load (in the instrumented variants that loaded its package)" }),
  evidence: evidenceSchema.optional(),
  runtime: runtimeEvidenceSchema.optional(),
  counted: z.boolean().optional().meta({
    description:
      "static-not-seen findings only: whether verdicts (--fail-on, vet, the Action) count it. The policy file's countUnconfirmed decides; by default it is counted only when its hook started no span (an early exit is no evidence that the operation does not run).",
  }),
});
export type Finding = z.infer<typeof findingSchema>;

/**
 * Per-call code that only runs when the call fails (`path: "error"`): a throw, a catch block, an error
 * callback, an Error built to be handed on as the failure. It is not what a healthy request pays, so
 * it is reported but not counted as per call — unless the bench saw its block run on the calls it
 * measured (evidence `both` or `runtime`): then the "error" path is the one every call takes.
 */
export const isErrorPathOnly = (f: Pick<Finding, 'frequency' | 'path' | 'evidence'>): boolean => f.frequency === 'per-call' && f.path === 'error' && f.evidence !== 'both' && f.evidence !== 'runtime';

/**
 * Per call and counted as such: once/init/unknown code is not the hot path, nor per-call code in a
 * branch correct callers never take (`deadBranch`), nor code that only runs when the call fails
 * (isErrorPathOnly). One predicate for the summary, --fail-on, verdicts and the default views, so
 * that they never disagree.
 */
export const countsAsPerCall = (f: Pick<Finding, 'frequency' | 'deadBranch' | 'path' | 'evidence'>): boolean => f.frequency === 'per-call' && f.deadBranch === undefined && !isErrorPathOnly(f);

/**
 * A finding the policy can hold against the code: counted per call, not suppressed, and — when the
 * bench did not see it run — counted by the policy (`counted`).
 */
export const isLivePerCall = (f: Finding): boolean => countsAsPerCall(f) && f.suppressed !== true && f.counted !== false;

/** Static per-call, but the bench ran the hook's function and not the operation's block. */
export const isUnconfirmed = (f: Pick<Finding, 'evidence'>): boolean => f.evidence === 'static-not-seen';

/**
 * Whether a static-not-seen finding counts in verdicts: the policy's `countUnconfirmed` when set, else
 * only when its hook started no span per call (a hook that returned early is no evidence either way).
 */
export function countsUnconfirmed(f: Pick<Finding, 'runtime'>, countUnconfirmed: boolean | undefined): boolean {
  return countUnconfirmed ?? !((f.runtime?.spansPerCall ?? 0) >= 1);
}

/** The finding with `counted` set as the policy (or the default) decides; only static-not-seen findings carry it. */
export function withCounted(f: Finding, countUnconfirmed: boolean | undefined): Finding {
  if (!isUnconfirmed(f)) {
    if (f.counted === undefined) return f;
    const { counted: _, ...rest } = f;
    return rest;
  }
  return { ...f, counted: countsUnconfirmed(f, countUnconfirmed) };
}

/** Findings counted by severity, every severity present (zero included). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}
