// From the run's raw figures to the report's `load` section: each variant's rounds as medians and
// ranges, its profile split by package, its counted operations by call site, the comparisons (every
// variant against `without`, and `against` against `with`) and the checks that fail a run.
import path from 'node:path';
import type { Profiler } from 'node:inspector';
import type { LoadComparison, LoadFailure, LoadOpSite, LoadSettings, LoadVariant, OpDelta, PackageDelta } from '../model/load.js';
import { attributeProfile } from './attribute-profile.js';
import { fileOfUrl, type PackageLabels } from './package-labels.js';
import type { RawVariant } from './run-variants.js';
import { beyondNoise, difference, pairedDelta, ratioDifference, round3, roundStat } from './stats.js';

/** sites run less often than once in this many requests are background work, not per-request work */
const MIN_PER_REQUEST = 0.01;
/** package rows kept in a comparison */
const MAX_PACKAGE_DELTAS = 20;

export interface AnalyseInput {
  raws: readonly RawVariant[];
  /** each variant's profile of the rounds, by variant id */
  profiles: ReadonlyMap<string, Profiler.Profile>;
  /** the profile files written with --profile DIR, by variant id */
  profileFiles: ReadonlyMap<string, { cpuprofile: string; top: string; dot: string }>;
  settings: LoadSettings;
  labels: PackageLabels;
  cwd: string;
}

const posix = (p: string): string => p.split(path.sep).join('/');

function opSites(raw: RawVariant, labels: PackageLabels, cwd: string): LoadVariant['ops'] {
  if (raw.count === null) return null;
  const requests = raw.count.requests;
  const sites: LoadOpSite[] = raw.count.reply.sites
    .map((s) => ({
      op: s.op,
      package: s.site === null ? null : labels.ofFile(s.site.file),
      file: s.site === null ? '' : posix(path.relative(cwd, s.site.file)),
      line: s.site?.line ?? 0,
      perRequest: requests > 0 ? round3(s.count / requests) : 0,
    }))
    .filter((s) => s.perRequest >= MIN_PER_REQUEST)
    .sort((a, b) => b.perRequest - a.perRequest || cmp(a.op, b.op) || cmp(a.file, b.file) || a.line - b.line);
  return { requests, sites };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function loadedPackages(raw: RawVariant, profile: Profiler.Profile | undefined, labels: PackageLabels): string[] {
  const files = [...(raw.count?.reply.modules ?? []), ...(profile?.nodes ?? []).flatMap((n) => fileOfUrl(n.callFrame.url) ?? [])];
  const out = new Set<string>();
  for (const f of new Set(files)) {
    const label = labels.ofFile(f);
    if (label !== null) out.add(label);
  }
  return [...out].sort();
}

function variantOf(raw: RawVariant, input: AnalyseInput): LoadVariant {
  const rounds = raw.rounds.map((r) => ({
    round: r.round,
    requests: r.result.requests,
    failed: r.result.non2xx + r.result.errors,
    durationMs: r.result.durationMs,
    requestsPerSecond: round3(r.result.durationMs > 0 ? (r.result.requests / r.result.durationMs) * 1000 : 0),
    latencyMs: { p50: round3(r.result.latencyMs.p50), p90: round3(r.result.latencyMs.p90), p99: round3(r.result.latencyMs.p99) },
    cpuUsPerRequest: r.cpuUs === null || r.result.requests === 0 ? null : round3(r.cpuUs / r.result.requests),
  }));
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const failed = rounds.reduce((n, r) => n + r.failed, 0);
  const errors = raw.rounds.reduce((n, r) => n + r.result.errors, 0);
  const cpu = rounds.map((r) => r.cpuUsPerRequest);
  const profile = input.profiles.get(raw.plan.id);
  const file = input.profileFiles.get(raw.plan.id);
  const attribution =
    profile === undefined || input.settings.samplingIntervalUs === null
      ? null
      : { requests, ...attributeProfile(profile, requests, input.labels.ofUrl), samplingIntervalUs: input.settings.samplingIntervalUs, ...(file ? { profile: file } : {}) };
  const spans = raw.count?.reply.spansEnded;
  return {
    id: raw.plan.id,
    label: raw.plan.label,
    instrumentation: raw.plan.instrumentation,
    listening: raw.listening,
    rounds,
    requestsPerSecond: roundStat(rounds.map((r) => r.requestsPerSecond)),
    latencyMs: { p50: roundStat(rounds.map((r) => r.latencyMs.p50)), p90: roundStat(rounds.map((r) => r.latencyMs.p90)), p99: roundStat(rounds.map((r) => r.latencyMs.p99)) },
    cpuUsPerRequest: cpu.every((c): c is number => c !== null) && cpu.length > 0 ? roundStat(cpu) : null,
    requests,
    failed,
    errorRatePct: requests + errors === 0 ? 0 : round3((failed / (requests + errors)) * 100),
    spansPerRequest: spans === null || spans === undefined || raw.count === null || raw.count.requests === 0 ? null : round3(spans / raw.count.requests),
    attribution:
      attribution === null
        ? null
        : {
            requests: attribution.requests,
            samples: attribution.samples,
            samplingIntervalUs: attribution.samplingIntervalUs,
            packages: attribution.packages,
            ...(attribution.profile ? { profile: attribution.profile } : {}),
          },
    ops: opSites(raw, input.labels, input.cwd),
    packages: loadedPackages(raw, profile, input.labels),
  };
}

const byRound = (v: LoadVariant, f: (r: LoadVariant['rounds'][number]) => number): number[] => [...v.rounds].sort((a, b) => a.round - b.round).map(f);

/** `@scope/name@1.0.0` → `@scope/name` */
const nameOf = (label: string): string => label.slice(0, label.lastIndexOf('@') > 0 ? label.lastIndexOf('@') : undefined);

/**
 * Packages the variant brought in (the reference never loaded them: all their time is the variant's)
 * first, by their cost; then the packages both ran, by how much more they cost — an indirect effect, or
 * the machine's noise, which a profile's one figure cannot tell apart.
 */
function packageDeltas(v: LoadVariant, ref: LoadVariant): PackageDelta[] {
  if (v.attribution === null || ref.attribution === null) return [];
  const mine = new Map(v.attribution.packages.map((p) => [p.package, p.selfUsPerRequest]));
  const theirs = new Map(ref.attribution.packages.map((p) => [p.package, p.selfUsPerRequest]));
  const refLoaded = new Set(ref.packages.map(nameOf));
  return [...new Set([...mine.keys(), ...theirs.keys()])]
    .map((p) => ({
      package: p,
      added: !theirs.has(p) && !refLoaded.has(p),
      selfUsPerRequest: mine.get(p) ?? 0,
      referenceSelfUsPerRequest: theirs.get(p) ?? 0,
      deltaUsPerRequest: round3((mine.get(p) ?? 0) - (theirs.get(p) ?? 0)),
    }))
    .filter((d) => d.deltaUsPerRequest !== 0)
    .sort((a, b) => Number(b.added) - Number(a.added) || b.deltaUsPerRequest - a.deltaUsPerRequest || cmp(a.package, b.package))
    .slice(0, MAX_PACKAGE_DELTAS);
}

function opDeltas(v: LoadVariant, ref: LoadVariant): OpDelta[] {
  if (v.ops === null || ref.ops === null) return [];
  const key = (s: LoadOpSite): string => `${s.op}\0${s.file}\0${s.line}`;
  const theirs = new Map(ref.ops.sites.map((s) => [key(s), s.perRequest]));
  return v.ops.sites.map((s) => ({ ...s, referencePerRequest: theirs.get(key(s)) ?? 0 })).filter((s) => s.perRequest - s.referencePerRequest >= MIN_PER_REQUEST);
}

export function compareVariants(v: LoadVariant, ref: LoadVariant): LoadComparison {
  const rps = ratioDifference(
    byRound(v, (r) => r.requestsPerSecond),
    byRound(ref, (r) => r.requestsPerSecond),
  );
  const cpuV = byRound(v, (r) => r.cpuUsPerRequest ?? NaN);
  const cpuR = byRound(ref, (r) => r.cpuUsPerRequest ?? NaN);
  const cpu = [...cpuV, ...cpuR].some(Number.isNaN) ? null : difference(pairedDelta(cpuV, cpuR));
  return {
    variant: v.id,
    reference: ref.id,
    requestsPerSecondPct: rps,
    latencyP50Pct: ratioDifference(
      byRound(v, (r) => r.latencyMs.p50),
      byRound(ref, (r) => r.latencyMs.p50),
    ),
    latencyP99Pct: ratioDifference(
      byRound(v, (r) => r.latencyMs.p99),
      byRound(ref, (r) => r.latencyMs.p99),
    ),
    cpuUsPerRequest: cpu,
    beyondNoise: beyondNoise(rps),
    cpuBeyondNoise: cpu !== null && beyondNoise(cpu),
    packages: packageDeltas(v, ref),
    ops: opDeltas(v, ref),
  };
}

/** every variant against `without`; `against` against `with` too */
export function comparisons(variants: readonly LoadVariant[]): LoadComparison[] {
  const find = (id: string): LoadVariant | undefined => variants.find((v) => v.id === id);
  const without = find('without');
  const out: LoadComparison[] = [];
  if (without) for (const v of variants) if (v !== without) out.push(compareVariants(v, without));
  const w = find('with');
  const a = find('against');
  if (w && a) out.push(compareVariants(a, w));
  return out;
}

export function failures(variants: readonly LoadVariant[], compared: readonly LoadComparison[], s: LoadSettings): LoadFailure[] {
  const out: LoadFailure[] = [];
  for (const v of variants) {
    if (v.errorRatePct > s.maxErrorRatePct)
      out.push({ kind: 'error-rate', variant: v.id, message: `${v.failed} of ${v.requests} requests failed (${v.errorRatePct}%, more than ${s.maxErrorRatePct}%)` });
  }
  if (s.budgetPct !== null) {
    for (const c of compared) {
      if (c.reference !== 'without' || !c.beyondNoise || -c.requestsPerSecondPct.estimate <= s.budgetPct) continue;
      out.push({
        kind: 'budget',
        variant: c.variant,
        message: `throughput ${c.requestsPerSecondPct.estimate}% against without (95% interval ${c.requestsPerSecondPct.low}% … ${c.requestsPerSecondPct.high}%), over the budget of −${s.budgetPct}%`,
      });
    }
  }
  return out;
}

export function analyseRun(input: AnalyseInput): { variants: LoadVariant[]; comparisons: LoadComparison[]; failures: LoadFailure[] } {
  const variants = input.raws.map((r) => variantOf(r, input));
  const compared = comparisons(variants);
  return { variants, comparisons: compared, failures: failures(variants, compared, input.settings) };
}
