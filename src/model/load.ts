// The `load` section of a report (`otel-audit load`): an app under load without and with
// instrumentation, each variant's figures over alternating rounds, what each package cost per request
// (from a CPU profile of the app under load) and which expensive operations ran per request where
// (the op counters, in the app). Plain data; README "Load test" documents every field.
// Figures are medians over rounds with their range, never one round's figure alone.
import { z } from 'zod/v4';
import { sandboxSchema } from './benchmark.js';

export const roundStatSchema = z
  .object({
    median: z.number(),
    min: z.number(),
    max: z.number(),
    spreadPct: z.number().meta({ description: '(max − min) / median, %: how far the rounds spread (0 when the median is 0)' }),
  })
  .meta({ description: 'A figure over the measured rounds.' });
export type RoundStat = z.infer<typeof roundStatSchema>;

export const roundDifferenceSchema = z
  .object({
    estimate: z.number().meta({
      description: "the difference's estimate, Hodges–Lehmann: the median of the averages of every two rounds' differences (each round with itself included); what `low`…`high` is the interval of",
    }),
    median: z.number().meta({ description: "the median of the rounds' differences" }),
    min: z.number(),
    max: z.number(),
    low: z.number().meta({
      description:
        "with `high`: the interval that holds the difference with 95% confidence (Wilcoxon signed-rank: two of those averages, at ranks from the statistic's exact distribution; distribution-free given a difference as likely up as down were the variants the same, which the balanced round order gives); below 6 rounds the range (min, max), with less confidence (5 rounds: 93.8%)",
    }),
    high: z.number(),
  })
  .meta({ description: 'A difference paired round by round (variant − reference): its estimate with its 95% interval, and the median and range of the rounds.' });
export type RoundDifference = z.infer<typeof roundDifferenceSchema>;

const latencySchema = z.object({ p50: z.number(), p90: z.number(), p99: z.number() });

export const loadRoundSchema = z
  .object({
    round: z.int().min(0).meta({ description: '0-based; the variants take turns within a round, in an order that rotates from round to round' }),
    requests: z.int().min(0).meta({ description: 'completed requests (any status)' }),
    failed: z.int().min(0).meta({ description: 'connection errors and timeouts plus responses outside 2xx' }),
    durationMs: z.number(),
    requestsPerSecond: z.number(),
    latencyMs: latencySchema,
    cpuUsPerRequest: z.number().nullable().meta({ description: 'user + system CPU time of the app process over the round, per completed request (µs)' }),
  })
  .meta({ description: 'One round of one variant: load for `--duration / --rounds` seconds (or up to the request cap).' });
export type LoadRound = z.infer<typeof loadRoundSchema>;

export const loadInstrumentationSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('sdk'), packages: z.array(z.string()).meta({ description: "instrumentation packages registered by otel-audit's SDK preload" }) }),
    z.object({ kind: z.literal('preload'), module: z.string().meta({ description: "the user's preload, as given" }), flag: z.enum(['--require', '--import']) }),
  ])
  .meta({ description: "How a variant is instrumented: not at all, otel-audit's SDK preload with these packages, or the user's own preload." });
export type LoadInstrumentation = z.infer<typeof loadInstrumentationSchema>;

export const packageCostSchema = z.object({
  package: z.string().meta({
    description:
      "the package whose code ran (the nearest package.json's name: `node_modules/<name>`, or a local package), or a bucket: `(app)` the app's own code, `(preload)` the user's preload file, `(node)` Node's internals with no package code on the stack, `(async hooks)` async_hooks/AsyncLocalStorage callbacks, `(gc)`, `(program)` (V8 and native code); `node:<name>` a package Node bundles (`node:undici`: global fetch)",
  }),
  selfUsPerRequest: z.number().meta({ description: 'samples whose innermost package frame is this package (the Node internals and natives it called are its own), µs per request' }),
  totalUsPerRequest: z.number().meta({ description: 'samples with this package anywhere on the stack, µs per request' }),
  selfPct: z.number().meta({ description: 'share of the busy (non-idle) samples, %' }),
});
export type PackageCost = z.infer<typeof packageCostSchema>;

const profileFilesSchema = z.object({ cpuprofile: z.string(), top: z.string(), dot: z.string() });

export const loadAttributionSchema = z.object({
  requests: z.int().min(0).meta({ description: 'requests completed while the profile ran (the measured rounds)' }),
  samples: z.int().min(0).meta({ description: 'busy samples (idle ones left out)' }),
  samplingIntervalUs: z.number(),
  packages: z.array(packageCostSchema).meta({ description: 'by selfUsPerRequest, costliest first' }),
  profile: profileFilesSchema.optional().meta({ description: '`--profile DIR`: the files written, relative to the working directory' }),
});
export type LoadAttribution = z.infer<typeof loadAttributionSchema>;

export const loadOpSiteSchema = z.object({
  op: z.string().meta({ description: "counter name, as in benchmarks' opsPerCall (`fs.readFileSync`, `JSON.parse`, `process.env` …)" }),
  package: z.string().nullable().meta({ description: "`name@version` of the package the site is in; null for the app's own code or a file of no package" }),
  file: z.string().meta({ description: "relative to the working directory, `/` separators; empty when no frame outside Node's own code was found" }),
  line: z.int().min(0),
  perRequest: z.number(),
});
export type LoadOpSite = z.infer<typeof loadOpSiteSchema>;

export const loadOpsSchema = z.object({
  requests: z.int().min(0).meta({ description: 'requests of the counting pass (a pass of its own after the measured rounds: counting is slow)' }),
  sites: z.array(loadOpSiteSchema).meta({ description: 'sites run at least once per 100 requests, most per request first' }),
});
export type LoadOps = z.infer<typeof loadOpsSchema>;

export const loadVariantSchema = z.object({
  id: z.enum(['without', 'with', 'against']),
  label: z.string().meta({ description: "for humans: `without instrumentation`, the packages, the preload's name" }),
  instrumentation: loadInstrumentationSchema,
  listening: z.object({ address: z.string(), port: z.int() }).meta({ description: 'where the app listened (the port otel-audit gave it)' }),
  rounds: z.array(loadRoundSchema),
  requestsPerSecond: roundStatSchema,
  latencyMs: z.object({ p50: roundStatSchema, p90: roundStatSchema, p99: roundStatSchema }),
  cpuUsPerRequest: roundStatSchema.nullable(),
  requests: z.int().min(0).meta({ description: 'over the measured rounds' }),
  failed: z.int().min(0),
  errorRatePct: z.number().meta({ description: 'failed / (requests + connection errors), %' }),
  spansPerRequest: z.number().nullable().meta({ description: "spans ended per request in the counting pass (otel-audit's SDK preload only; null otherwise)" }),
  attribution: loadAttributionSchema.nullable().meta({ description: 'null when profiling was off (`--no-profile`)' }),
  ops: loadOpsSchema.nullable().meta({ description: 'null when counting was off (`--count-requests 0`)' }),
  packages: z.array(z.string()).meta({ description: 'packages loaded in the app process (`name@version`), sorted' }),
});
export type LoadVariant = z.infer<typeof loadVariantSchema>;

export const packageDeltaSchema = z.object({
  package: z.string(),
  added: z.boolean().meta({ description: "the reference never loaded this package: all its time is the variant's (listed first)" }),
  selfUsPerRequest: z.number(),
  referenceSelfUsPerRequest: z.number(),
  deltaUsPerRequest: z.number().meta({ description: 'selfUsPerRequest − referenceSelfUsPerRequest' }),
});
export type PackageDelta = z.infer<typeof packageDeltaSchema>;

export const opDeltaSchema = loadOpSiteSchema.extend({ referencePerRequest: z.number() });
export type OpDelta = z.infer<typeof opDeltaSchema>;

export const loadComparisonSchema = z.object({
  variant: z.string(),
  reference: z.string(),
  requestsPerSecondPct: roundDifferenceSchema.meta({
    description: 'variant ÷ reference per round, as a % change; estimated and bounded on the log scale (a ratio and its inverse are symmetric there), then mapped back',
  }),
  latencyP50Pct: roundDifferenceSchema.meta({ description: 'the same for the median latency (and latencyP99Pct for p99)' }),
  latencyP99Pct: roundDifferenceSchema,
  cpuUsPerRequest: roundDifferenceSchema.nullable().meta({ description: 'variant − reference, µs per request' }),
  beyondNoise: z.boolean().meta({ description: 'the 95% interval (low, high) of the throughput difference excludes 0: a difference, not round-to-round noise' }),
  cpuBeyondNoise: z.boolean().meta({ description: 'the same for the CPU time per request (false without CPU figures)' }),
  packages: z.array(packageDeltaSchema).meta({ description: 'the packages the variant added, costliest first, then the others by deltaUsPerRequest; 20 at most (empty without profiles)' }),
  ops: z.array(opDeltaSchema).meta({ description: 'operation sites counted more often per request than in the reference, most first' }),
});
export type LoadComparison = z.infer<typeof loadComparisonSchema>;

export const LOAD_FAILURE_KINDS = ['error-rate', 'budget'] as const;
export const loadFailureSchema = z.object({ kind: z.enum(LOAD_FAILURE_KINDS), variant: z.string(), message: z.string() }).meta({ description: 'A check the run failed (exit 1).' });
export type LoadFailure = z.infer<typeof loadFailureSchema>;

export const loadSettingsSchema = z.object({
  connections: z.int().min(1),
  durationS: z.number().meta({ description: 'seconds of load per variant over all rounds' }),
  rounds: z.int().min(1),
  warmupS: z.number().meta({ description: 'seconds of load per variant before the first round, not measured' }),
  maxRequestsPerRound: z.int().min(1),
  countRequests: z.int().min(0).meta({ description: 'requests of the counting pass per variant (0: no counting)' }),
  samplingIntervalUs: z.number().nullable().meta({ description: "V8's sampling interval while profiling; null: no profile" }),
  maxErrorRatePct: z.number().meta({ description: "most failed requests allowed, % of a variant's requests" }),
  budgetPct: z.number().nullable().meta({ description: '`--budget-pct`: most throughput a variant may lose against `without`, %; null: none' }),
});
export type LoadSettings = z.infer<typeof loadSettingsSchema>;

export const loadSectionSchema = z
  .object({
    app: z.object({
      entry: z.string().meta({ description: "the app's entry file, relative to the working directory" }),
      demo: z.string().nullable().meta({ description: '`--demo NAME`, else null' }),
      path: z.string().meta({ description: 'the request path (`--url`)' }),
      host: z.literal('127.0.0.1').meta({ description: 'the host every request went to' }),
      portEnv: z.string().meta({ description: 'the environment variable that gave the app its port' }),
    }),
    settings: loadSettingsSchema,
    variants: z.array(loadVariantSchema).meta({ description: 'the reference (`without`) first' }),
    comparisons: z.array(loadComparisonSchema).meta({ description: 'every variant against `without`, and `against` against `with`' }),
    failures: z.array(loadFailureSchema),
    sandbox: sandboxSchema.optional().meta({
      description:
        "how the app (which loads the instrumentation under audit) and the demo's servers were isolated: the bench children's sandbox, in a network namespace shared with the load generator only; absent in reports from before it",
    }),
    durationMs: z.number(),
  })
  .meta({ description: '`load` only: the service-level A/B run.' });
export type LoadSection = z.infer<typeof loadSectionSchema>;
