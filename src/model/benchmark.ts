// What `bench` measured: one entry per hook (or per package outcome), the run's bare-span reference and
// its summary. Times are nanoseconds per call of the hook, medians of benny's samples.
import { z } from 'zod/v4';
import { hookRefSchema, sourceLocationSchema } from './finding.js';
import { hookFrequencyOf } from './hook-frequency.js';
import { spanNeedSchema } from './package-report.js';

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

export const spanPathSchema = z
  .object({
    reached: z.boolean().meta({ description: 'the measured calls started at least one span each (spansPerCall ≥ 1)' }),
    drive: z.array(spanNeedSchema).meta({
      description:
        "what the harness gave the hook so that it reached its span start (a parent span, an argument's value, a property left empty …), from what its code reads before starting a span (`packages[].hooks[].spanStart`); empty when the plain mocks sufficed or nothing did",
    }),
    condition: z
      .string()
      .nullable()
      .meta({ description: 'when not reached: what stopped it — the condition the static call graph puts between the hook and startSpan/startActiveSpan, or why none is known' }),
    stoppedAt: z
      .object({ file: z.string(), line: z.int().min(1) })
      .optional()
      .meta({
        description:
          "when not reached and block coverage ran: the condition that stopped it (`packages[].hooks[].spanStart.conditions[]` by file and line) — the first on the way whose onward position ran 0 times per call while its function ran; absent without coverage, or when every condition's way on ran (something the hook calls stopped it)",
      }),
  })
  .meta({ description: 'Whether a measured hook reached its span start, and how; absent for SDK component methods (one call is one span) and scenarios.' });
export type SpanPath = z.infer<typeof spanPathSchema>;

export const coverageSiteSchema = z.object({
  file: z.string().meta({ description: "relative to the package's root, like findings' files" }),
  line: z.int().min(1),
  column: z.int().min(0).meta({ description: "1-based; 0 for a call path's first step, which names a line: its first statement" }),
  perCall: z.number().min(0).meta({ description: 'times the innermost block holding this position ran per measured call' }),
  functionPerCall: z.number().min(0).meta({ description: 'times the function holding it ran per measured call' }),
});
export type CoverageSite = z.infer<typeof coverageSiteSchema>;

export const benchCoverageSchema = z
  .object({
    calls: z.int().min(1).meta({ description: 'measured calls the counts are divided by (after warm-up calls that fill lazy caches)' }),
    sites: z
      .array(coverageSiteSchema)
      .meta({ description: "the audited operation sites (every finding's position, whatever its frequency) and call-path starts whose function ran in those calls, by file and position" }),
  })
  .meta({ description: 'V8 precise block coverage of the hooked call, in a child of its own after the timing: per-call counts of the positions the scan cares about.' });
export type BenchCoverage = z.infer<typeof benchCoverageSchema>;

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
    bareSpanNs: nsOrNull.optional().meta({ description: "the reference measured in the same process: `tracer.startSpan('s').end()`" }),
    attempts: z.int().min(2).optional().meta({
      description: "times the case was measured, when more than once: its first bare span was well above the run's (a slow spell), and these are the figures of the attempt with the lower bare span",
    }),
    callStyle: z.enum(['sync', 'promise', 'callback', 'method']).optional().meta({ description: 'how the hook was called to completion; `method` for SDK components' }),
    patched: z
      .object({ module: z.string(), mock: z.enum(['installed-shape', 'auto']) })
      .optional()
      .meta({ description: 'what `patch` ran on: `name@version`, and whether the installed module gave the mock its shape' }),
    profile: z
      .object({ cpuprofile: z.string(), top: z.string(), dot: z.string() })
      .optional()
      .meta({ description: '`bench --profile DIR`: the files written for this hook, relative to the working directory of the run' }),
    scanHook: z
      .string()
      .optional()
      .meta({ description: "id of the scanned hook (`packages[].hooks[].id`) this entry accounts for; entries made for a scanned hook the bench found no case for carry the scan's hook and this id" }),
    spanPath: spanPathSchema.optional(),
    coverage: benchCoverageSchema.optional(),
    cached: z.literal(true).optional().meta({
      description:
        'served from the result cache (`--cache-dir`): measured by an earlier run with the same package, dependencies, target modules, bench options, Node version and CPU; no child process ran for it in this run',
    }),
    measuredAt: z.iso.datetime().optional().meta({ description: 'with `cached`: when the earlier run measured it (ISO 8601, UTC)' }),
    untrusted: z.string().optional().meta({
      description:
        "set when the child's figures did not hold up against its CPU time as the parent measured it from outside (`untrusted figures: …`, why): the figures are the child's claim, they count as unmeasured, and the entry never passes a budget",
    }),
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
    permissionModel: z.boolean().meta({
      description: "Node's permission model: reads limited to the packages, the node_modules above them and the tool; writes to the child's temp folder; no child processes, workers or addons",
    }),
    network: z.boolean().meta({ description: "a network namespace of its own (no route out; 127.0.0.1 is not the host's)" }),
    pidNamespace: z.boolean().meta({ description: "a pid namespace of its own: otel-audit and the user's processes are out of its reach; everything it starts dies with it" }),
    files: z.boolean().optional().meta({
      description:
        'a file view of its own (a mount namespace, independent of the permission model): the system, the packages and the tool read-only, its temp folder writable; homes, /tmp, /proc of the host and the rest absent. Absent in reports from before it',
    }),
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
  hooks: z
    .object({
      total: z.int().min(0).meta({ description: 'hooks the scan found in the benched packages' }),
      measured: z.int().min(0).meta({ description: 'of those, measured by at least one entry' }),
      skipped: z.int().min(0),
      failed: z.int().min(0),
      noSpan: z.int().min(0).meta({ description: 'of the measured, those whose every measured entry started no span per call (`measured, no span`)' }),
    })
    .optional()
    .meta({ description: 'every scanned hook accounted for: measured, skipped or failed (never missing); measuredPct is measured / total when present' }),
  coverageMs: z.number().optional().meta({ description: 'wall time of the block-coverage phase, ms (absent when coverage was off: --no-coverage)' }),
  untrusted: z.int().min(0).optional().meta({ description: 'entries whose figures did not hold up against the CPU time the parent measured (`untrusted`)' }),
  sandbox: sandboxSchema.optional(),
});
export type BenchSummary = z.infer<typeof benchSummarySchema>;

/** The entry names a hook (it is not a package-level outcome). */
export const hasHook = (b: Benchmark): b is Benchmark & { hook: NonNullable<Benchmark['hook']> } => b.hook !== null;

/** A measured hook that started no span per call: its figure is per call, and it is kept out of per-span rankings and budgets. */
export const isNoSpan = (b: Benchmark): boolean => b.status === 'measured' && b.spansPerCall === 0;

/**
 * A measured overhead per span, or null when the hook was not (or not usably) measured, its figures are
 * untrusted (they did not hold up against the CPU time measured from outside: no measurement), it
 * started no span (`measured, no span`: its per-call figure is no price of a span), or it wraps a set-up
 * API (its call runs once per logger, pool or server: ranked apart, in ns per call). What per-span
 * rankings and budgets read.
 */
export function measuredOverhead(b: Benchmark): number | null {
  if (b.status !== 'measured' || b.untrusted !== undefined || isNoSpan(b) || (b.hook !== null && hookFrequencyOf(b.hook) === 'set-up')) return null;
  return b.overheadNsPerSpan;
}

/** The overhead per call of a measured set-up hook (its own section), else null; untrusted figures are none. */
export function setUpOverhead(b: Benchmark): number | null {
  return b.status === 'measured' && b.untrusted === undefined && b.hook !== null && hookFrequencyOf(b.hook) === 'set-up' ? b.overheadNsPerSpan : null;
}
