// What `bench` measured: one entry per hook (or per package outcome), the run's bare-span reference and
// its summary. Times are nanoseconds per call of the hook, medians of benny's samples.
import { z } from 'zod/v4';
import { hookRefSchema, sourceLocationSchema } from './finding.js';

export const BENCH_STATUSES = ['measured', 'skipped', 'failed'] as const;
export const benchStatusSchema = z.enum(BENCH_STATUSES);
export type BenchStatus = z.infer<typeof benchStatusSchema>;

/**
 * A case whose bare span is more than this many times the run's typical one (or this machine's usual
 * one) was measured through a slow spell of the machine (slow-spell.ts); the terminal calls out a run
 * whose bare span is this far above the usual one. In the model: it is how a report's figures are
 * read (renderers use it), not only how the bench decides.
 */
export const SLOW_SPELL_FACTOR = 1.3;

const nsOrNull = z.number().nullable();

export const benchmarkSchema = z
  .object({
    package: z.string().meta({ description: '`name@version`' }),
    hook: hookRefSchema.nullable().meta({ description: 'null for a package-level outcome: nothing to measure, or a package that failed to load' }),
    status: benchStatusSchema,
    reason: z.string().nullable().meta({ description: 'why skipped or failed; for a measured case a remark (e.g. no span per call), else null' }),
    spansPerCall: nsOrNull.meta({ description: 'spans started per call of the hook (the counting pass)' }),
    baselineNsPerCall: nsOrNull.meta({ description: 'the original alone (the stub the harness put in its place)' }),
    instrumentedNsPerCall: nsOrNull.meta({ description: 'the hooked call, AlwaysOn sampler' }),
    unsampledNsPerCall: nsOrNull.meta({ description: 'the hooked call, AlwaysOff sampler (null for SDK component methods: unsampled spans never reach them)' }),
    overheadNsPerSpan: nsOrNull.meta({ description: '(instrumented − baseline) / spansPerCall; per call when no span is started (`reason` says so)' }),
    marginPct: nsOrNull.meta({ description: "benny's relative margin of error of the instrumented figure, %" }),
    samples: nsOrNull.meta({ description: "benny's samples of the instrumented figure" }),
    opsPerCall: z.record(z.string(), z.number()).meta({ description: 'operation → times it ran per call (the counting pass; never timed)' }),
    opSites: z.record(z.string(), sourceLocationSchema).optional().meta({ description: "operation → where it first ran (relative to the package's root, like findings' files)" }),
    bareSpanNs: nsOrNull.optional().meta({ description: 'the reference measured in the same process: `tracer.startSpan(\'s\').end()`' }),
    attempts: z.int().min(2).optional().meta({ description: "times the case was measured, when more than once: its first bare span was well above the run's (a slow spell), and these are the figures of the attempt with the lower bare span" }),
    callStyle: z.enum(['sync', 'promise', 'callback', 'method']).optional().meta({ description: 'how the hook was called to completion; `method` for SDK components' }),
    patched: z
      .object({ module: z.string(), mock: z.enum(['installed-shape', 'auto']) })
      .optional()
      .meta({ description: 'what `patch` ran on: `name@version`, and whether the installed module gave the mock its shape' }),
    profile: z
      .object({ cpuprofile: z.string(), top: z.string(), dot: z.string() })
      .optional()
      .meta({ description: '`bench --profile DIR`: the files written for this hook, relative to the working directory of the run' }),
    cached: z.literal(true).optional().meta({ description: 'served from the result cache (`--cache-dir`): measured by an earlier run with the same package, dependencies, target modules, bench options, Node version and CPU; no child process ran for it in this run' }),
    measuredAt: z.iso.datetime().optional().meta({ description: 'with `cached`: when the earlier run measured it (ISO 8601, UTC)' }),
    untrusted: z
      .string()
      .optional()
      .meta({ description: "set when the child's figures did not hold up against its CPU time as the parent measured it from outside (`untrusted figures: …`, why): the figures are the child's claim, they count as unmeasured, and the entry never passes a budget" }),
  })
  .meta({ description: 'One bench case: a hook of a package measured in a child process of its own, or a package-level outcome (`hook: null`).' });
export type Benchmark = z.infer<typeof benchmarkSchema>;

export const benchReferenceSchema = z.object({
  bareSpanNs: z.number().meta({ description: 'median over the measured cases of the bare span measured beside each' }),
  usualBareSpanNs: z.number().optional().meta({ description: "this machine's usual bare span in earlier runs with the same settings, once known" }),
  historyProblem: z.string().optional().meta({ description: 'why the remembered bare spans could not be read or written, when they could not' }),
});
export type BenchReference = z.infer<typeof benchReferenceSchema>;

export const sandboxSchema = z
  .object({
    enabled: z.boolean().meta({ description: 'false with --unsafe-run' }),
    environment: z.enum(['allow-list', 'inherited']).meta({ description: '`allow-list`: PATH, NODE_ENV, TZ, LANG, LC_ALL and OTEL_AUDIT_* only, HOME and TMPDIR in a temp folder of the child' }),
    permissionModel: z.boolean().meta({ description: "Node's permission model: reads limited to the packages, the node_modules above them and the tool; writes to the child's temp folder; no child processes, workers or addons" }),
    network: z.boolean().meta({ description: 'a network namespace of its own (no route out; 127.0.0.1 is not the host\'s)' }),
    pidNamespace: z.boolean().meta({ description: "a pid namespace of its own: otel-audit and the user's processes are out of its reach; everything it starts dies with it" }),
    limits: z.array(z.string()).meta({ description: 'what could not be applied on this machine, and why' }),
  })
  .meta({ description: 'How the children that ran package code were isolated (src/sandbox).' });
export type SandboxOutcome = z.infer<typeof sandboxSchema>;

export const benchSummarySchema = z.object({
  cases: z.int().min(0).meta({ description: 'benchmarks entries' }),
  measured: z.int().min(0),
  skipped: z.int().min(0),
  failed: z.int().min(0),
  measuredPct: z.number().meta({ description: 'measured / hooks found (entries with a hook), %' }),
  remeasured: z.int().min(0).optional().meta({ description: 'entries measured a second time after a slow spell (`attempts` > 1)' }),
  cached: z.int().min(0).optional().meta({ description: 'entries served from the result cache (`cached: true`), when any: measured by an earlier run' }),
  timeMs: z.number().meta({ description: "benny's time per measured call variant, ms" }),
  concurrency: z.int().min(1).meta({ description: 'child processes run side by side' }),
  durationMs: z.number(),
  withScan: z.boolean().meta({ description: 'true when the report also holds a scan (`scan --bench`)' }),
  untrusted: z.int().min(0).optional().meta({ description: 'entries whose figures did not hold up against the CPU time the parent measured (`untrusted`)' }),
  sandbox: sandboxSchema.optional(),
});
export type BenchSummary = z.infer<typeof benchSummarySchema>;

/** The entry names a hook (it is not a package-level outcome). */
export const hasHook = (b: Benchmark): b is Benchmark & { hook: NonNullable<Benchmark['hook']> } => b.hook !== null;

/** A measured overhead per span, or null when the hook was not (or not usably) measured: untrusted figures are not a measurement. */
export function measuredOverhead(b: Benchmark): number | null {
  return b.status === 'measured' && b.untrusted === undefined ? b.overheadNsPerSpan : null;
}
