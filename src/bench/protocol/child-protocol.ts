// What the bench parent and its child processes say to each other (over the IPC channel, as JSON).
// A child either lists the cases of one package, measures one case, or collects the block coverage of
// a package's measured cases; keeping all as plain data is what lets every case run in a fresh
// process (isolation: a hang or crash costs one case).
import type { SpanNeed } from '../../model/package-report.js';

export type { SpanNeed };

/** How a stub original completes, and so how the hooked call is awaited. */
export type CallStyle = 'sync' | 'promise' | 'callback';

export type SdkKind = 'span-processor' | 'sampler' | 'propagator' | 'log-processor';

/** A wrapped member found by patching one module definition (or one of its files). */
export interface WrapCase {
  kind: 'wrap';
  target: string;
  /** export name of the instrumentation class in the package entry */
  exportName: string;
  definition: number;
  /** index into the definition's `files`, or -1 for the definition itself */
  file: number;
  /** property path from the patched exports (or from what `patch` returned) to the wrapped function */
  path: string[];
  /** the function is what `patch` returned in place of the module (connect, pino style) */
  fromReturn: boolean;
  /** `name@version` that was patched, and whether the real module gave the mock its shape */
  module: string;
  mock: 'installed-shape' | 'auto';
  /**
   * The version `patch` was given, when not the one a mocked module gets by default (patchVersions in
   * version-range.ts): the member is wrapped only on another branch of a version test in the patch.
   */
  version?: string;
  /**
   * A wrapper installed per call: reached by calling the wrapper at `path` once, then each step's
   * wrapper in turn (setup, not timed); the last step's wrapper is the one measured.
   */
  via?: NestedStep[];
  /** its calls run inside an active sampled parent span: it starts no span without one (express layers) */
  parentSpan?: boolean;
  /** what the scanned hook reads before its span start (span-start.ts): tried when the plain mocks start no span */
  needs?: SpanNeed[];
  /** the package's `_wrap` call that installed the wrapper (install-sites.ts): tells apart scanned hooks with the same target */
  site?: { file: string; line: number };
  /** a nested wrapper put in place of a member by plain assignment: it stands for an `assign` hook of that member */
  assigned?: boolean;
}

/** One setup call on the way to a per-call wrapper, and where the wrapper it installed turned up. */
export interface NestedStep {
  /** what the stub originals do during this call (it decides what the wrapper gets back, so what it wraps) */
  style: CallStyle;
  /** the call's return value (`awaited`: what its promise resolved to), its receiver, or one of its arguments */
  from: 'return' | 'this' | 'arg';
  argIndex?: number;
  awaited?: boolean;
  /** property path from there to the wrapper */
  path: string[];
}

/** A diagnostics_channel the instrumentation subscribes to in `enable()`. */
export interface ChannelCase {
  kind: 'diagnostics-channel';
  target: string;
  exportName: string;
  channel: string;
  /** as for WrapCase; argument 0 is the published message */
  needs?: SpanNeed[];
}

/** A per-span (per-record) method of an SDK component class: span processor, sampler, propagator, log processor. */
export interface SdkCase {
  kind: SdkKind;
  target: string;
  exportName: string;
  method: string;
}

/**
 * A fidelity scenario (src/bench/scenarios/): a real target driven through the real instrumentation,
 * where the generic harness only sees a mock. `target` is the scenario's id.
 */
export interface ScenarioCase {
  kind: 'scenario';
  target: string;
  /** what one call does, for the report's remark */
  description: string;
}

export type CaseSpec = WrapCase | ChannelCase | SdkCase | ScenarioCase;

/** A package-level outcome without a case: nothing to measure, or something that failed before any case. */
export interface PackageNote {
  status: 'skipped' | 'failed';
  reason: string;
}

export interface ListResult {
  cases: CaseSpec[];
  notes: PackageNote[];
}

export interface Timing {
  nsPerCall: number;
  marginPct: number;
  samples: number;
}

export interface OpSite {
  /** absolute path as the stack gave it; the parent makes it relative */
  file: string;
  line: number;
}

export interface Measurement {
  style: CallStyle | 'method';
  spansPerCall: number;
  baseline: Timing;
  instrumented: Timing;
  unsampled: Timing | null;
  bareSpan: Timing;
  opsPerCall: Record<string, number>;
  opSites: Record<string, OpSite>;
  /** something worth saying about a measured case (e.g. no span per call) */
  note: string | null;
  /** what the mocks were given so that the hook reached its span start (empty: nothing), for hooks that start spans */
  drive?: SpanNeed[];
  /** `--profile`: the files written for this case (absolute paths) */
  profileFiles?: ProfileFiles;
}

/** What `--profile` writes per case: the V8 profile, the top-N self-time table and the Graphviz call graph. */
export interface ProfileFiles {
  cpuprofile: string;
  top: string;
  dot: string;
}

export interface BenchSettings {
  /** benny's time per case (each of plain, sampled, unsampled, bare span), ms */
  timeMs: number;
  /** calls in the counting pass */
  countCalls: number;
  /** how long one probe call may take to complete before its call style is given up, ms */
  probeTimeoutMs: number;
}

/** A measured case to cover: as it was measured (its call style and what drove it to its span start). */
export interface CoverCase {
  spec: Exclude<CaseSpec, ScenarioCase | SdkCase>;
  style: CallStyle;
  drive: SpanNeed[];
}

/** A position the scan cares about (a finding's operation, a call path's start): absolute file, 1-based line and column. */
export interface SitePosition {
  file: string;
  line: number;
  column: number;
}

/** Per-call counts of one case: positions whose function ran (by index into the request's sites); the others ran 0 times. */
export interface CoverResult {
  calls: number;
  spansPerCall: number;
  sites: Array<{ index: number; perCall: number; functionPerCall: number }>;
}

/** The two calls the parent times from outside the child, to check the child's figures (cross-check.ts). */
export type VerifyVariant = 'plain' | 'hooked';

/**
 * After its measurement a measuring child stays up for the parent's cross-check: `verify` asks for
 * `calls` calls of one variant (the parent reads the child's CPU time before and after, from the
 * kernel), `exit` ends it.
 */
export type ChildRequest =
  | { mode: 'list'; dir: string; name: string }
  | { mode: 'measure'; dir: string; name: string; spec: CaseSpec; settings: BenchSettings; profile?: { dir: string; name: string; durationMs: number } }
  | { mode: 'cover'; dir: string; name: string; cases: CoverCase[]; sites: SitePosition[]; settings: BenchSettings }
  | { mode: 'verify'; variant: VerifyVariant; calls: number }
  | { mode: 'exit' };

export type ChildResponse =
  | { ok: true; mode: 'list'; result: ListResult }
  | { ok: true; mode: 'measure'; result: Measurement }
  /** one per covered case, in order, as soon as it is done (a case that kills the child costs only the rest) */
  | { ok: true; mode: 'cover-case'; index: number; result: CoverResult | { error: string } }
  | { ok: true; mode: 'cover'; done: number }
  | { ok: true; mode: 'verified'; variant: VerifyVariant }
  | { ok: false; error: string };
