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
    'How often the flagged operation runs. per-call: reachable from a hook and not guarded to run once; once: on a hook path, but behind a lazy cache or first-call flag; init: module top level, constructors, init()/patch/unpatch, enable/disable, wrapper factories; unknown: reached neither from a hook nor from set-up code in what was analysed.',
});
export type Frequency = z.infer<typeof frequencySchema>;

export const HOOK_KINDS = ['wrap', 'diagnostics-channel', 'span-processor', 'sampler', 'propagator', 'exporter', 'log-processor', 'scenario'] as const;
export const hookKindSchema = z.enum(HOOK_KINDS).meta({ description: 'How the hook is installed or declared; `scenario` is bench-only: a fidelity scenario driving a real target through the instrumentation.' });
export type HookKind = z.infer<typeof hookKindSchema>;

export const sourceLocationSchema = z.object({
  file: z.string(),
  line: z.int().min(1),
});
export type SourceLocation = z.infer<typeof sourceLocationSchema>;

export const hookRefSchema = z.object({
  id: z.string().meta({ description: '`kind:target`, numbered `#n` when a package has the same target twice' }),
  kind: hookKindSchema,
  target: z.string().meta({ description: 'what is hooked: `pg:Client.prototype.query`, a channel name, `Processor.onEnd` …' }),
});
export type HookRef = z.infer<typeof hookRefSchema>;

export const callStepSchema = z.object({
  function: z.string().meta({ description: 'function name as written (`Class.method`, `patchedQuery`, `<anonymous>` …)' }),
  file: z.string(),
  line: z.int().min(1).meta({ description: 'line of the call that leads to the next step (for the last step: the operation itself)' }),
  original: sourceLocationSchema.nullable().optional(),
});
export type CallStep = z.infer<typeof callStepSchema>;

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
  path: z.enum(['normal', 'error']).optional().meta({ description: '`error` when it only runs when throwing or in a catch block' }),
  suppressed: z.boolean().optional(),
  suppressionReason: z.string().optional().meta({ description: 'the `reason` of the policy suppression that applies (set with `suppressed`)' }),
  measuredOverheadNsPerSpan: z.number().optional().meta({ description: "scan --bench only: the measured overhead per span of the bench case whose hook matches this finding's hook" }),
  confirmed: z.boolean().optional().meta({ description: "scan --bench only: the finding's operation was counted at run time in that case; `load`: at the finding's line in the app under load" }),
  perRequestUnderLoad: z.number().optional().meta({ description: "`load` only: times per request the finding's operation ran at its line in the app under load (in the instrumented variants that loaded its package)" }),
});
export type Finding = z.infer<typeof findingSchema>;

/** A finding the policy can hold against the code: per call and not suppressed (once/init/unknown code is not the hot path). */
export const isLivePerCall = (f: Finding): boolean => f.frequency === 'per-call' && f.suppressed !== true;

/** Findings counted by severity, every severity present (zero included). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}
