// The measuring step of a bench child, for one case: pick the call style, count operations (its own
// pass), then time with benny — plain, instrumented with AlwaysOn, instrumented with AlwaysOff — and
// the reference bare span on the same provider, so that every figure comes from the same process.
import { setStubStyle } from '../harness/auto-mock.js';
import type { BenchSettings, CaseSpec, Measurement, SpanNeed } from '../protocol/child-protocol.js';
import { chooseStyle, type ProbeResult } from '../harness/invoke.js';
import { loadPackage } from '../harness/load-package.js';
import { countOps } from '../counters/op-counters.js';
import { warmUp } from '../timing/warm-up.js';
import { makeSubject, type Subject } from '../harness/subjects.js';
import { createTracing, type Tracing } from '../harness/tracing.js';
import { driveCandidates } from '../harness/drive.js';
import type { CallStyle } from '../harness/auto-mock.js';
import { NO_SPAN_NOTE, profileIfAsked, timeVariants } from './time-variants.js';
import type { OnMeasured, VerifySides } from './serve-verify.js';

function describeProbe(p: ProbeResult, timeoutMs: number): string {
  if (p.error !== null) return `${p.style}: threw ${p.error}`;
  return `${p.style}: did not complete within ${timeoutMs} ms`;
}

export async function measureCase(
  dir: string,
  name: string,
  spec: CaseSpec,
  settings: BenchSettings,
  profile: { dir: string; name: string; durationMs: number } | undefined,
  onMeasured: OnMeasured,
): Promise<void> {
  if (spec.kind === 'scenario') {
    const { measureScenario } = await import('./measure-scenario.js');
    return measureScenario(dir, spec, settings, profile, onMeasured);
  }
  const pkg = await loadPackage(dir, name);
  const tracing = createTracing();
  const subject = makeSubject(pkg, spec, tracing);

  let style: Measurement['style'] = 'method';
  setStubStyle('sync');
  let drive: SpanNeed[] | undefined;
  if (subject.probe) {
    subject.enterHooked(true);
    const { best, probes } = await chooseStyle((s) => subject.calls(s).hooked, tracing.counter, settings.probeTimeoutMs);
    const failed = (): Error => new Error(`the hook did not complete in any call style (${probes.map((p) => describeProbe(p, settings.probeTimeoutMs)).join('; ')})`);
    if (best === undefined) {
      // a hook may fail on the plain mocks for want of what it reads on its way (a declared parameter the
      // plain call leaves out, read by index): what drives it to its span start may also let it complete
      const driven = subject.setDrive === undefined ? undefined : await driveToSpan(subject, spec, tracing, settings.probeTimeoutMs);
      if (driven === undefined) throw failed();
      style = driven.style;
      drive = driven.drive;
    } else {
      style = best.style;
      if (subject.setDrive !== undefined) {
        const driven = best.started > 0 ? { style: best.style, drive: [] } : await driveToSpan(subject, spec, tracing, settings.probeTimeoutMs);
        style = driven?.style ?? best.style;
        drive = driven?.drive ?? [];
        if (driven === undefined) setStubStyle(best.style);
      }
    }
  } else if (subject.setDrive !== undefined) {
    // a channel: no call styles, but the message and the active span may still decide
    drive = (await driveChannel(subject, spec, tracing)) ?? [];
  }
  const calls = subject.calls(style === 'method' ? 'sync' : style);
  // SDK methods are called as the SDK calls them: the style only concerned the mocks among their arguments
  if (subject.fixedSpansPerCall !== null) style = 'method';

  // counting pass: separate from the timing, on the sampled provider
  subject.enterHooked(true);
  const started = tracing.counter.started;
  const ops = await countOps(calls.hooked, settings.countCalls, settings.probeTimeoutMs);
  const spansPerCall = subject.fixedSpansPerCall ?? (tracing.counter.started - started) / settings.countCalls;

  // the hooked call (and with it the SDK's span code) until its speed settles, before any timing
  await warmUp(calls.hooked, Math.min(Math.max(settings.timeMs * 3, 100), 1000));
  const sides: VerifySides = { plain: { fn: calls.plain, enter: () => subject.enterPlain() }, hooked: { fn: calls.hooked, enter: () => subject.enterHooked(true) } };
  const { baseline, instrumented, bareSpan, unsampled } = await timeVariants(
    {
      plain: sides.plain,
      hooked: sides.hooked,
      bareSpan: { fn: tracing.bareSpan, enter: () => subject.enterHooked(true) },
      ...(subject.unsampled ? { unsampled: { fn: calls.hooked, enter: () => subject.enterHooked(false) } } : {}),
    },
    settings.timeMs,
  );
  subject.enterHooked(true);
  const profileFiles = await profileIfAsked(profile, calls.hooked);

  let note: string | null = null;
  if (subject.fixedSpansPerCall !== null) note = 'per-span method: one call is one span';
  else if (spansPerCall === 0) note = NO_SPAN_NOTE;
  await onMeasured(
    {
      style,
      spansPerCall,
      baseline,
      instrumented,
      unsampled,
      bareSpan,
      opsPerCall: ops.opsPerCall,
      opSites: ops.opSites,
      note,
      ...(drive !== undefined ? { drive } : {}),
      ...(profileFiles ? { profileFiles } : {}),
    },
    sides,
  );
}

const needsOf = (spec: CaseSpec): SpanNeed[] => (spec.kind === 'wrap' || spec.kind === 'diagnostics-channel' ? (spec.needs ?? []) : []);
const listedParent = (spec: CaseSpec): boolean => spec.kind === 'wrap' && spec.parentSpan === true;

/**
 * The plain mocks started no span: try what the scan says the hook reads before its span start, then a
 * parent span (driveCandidates), each in every call style; the first that starts spans and completes
 * is kept. Undefined, with the plain mocks restored, when none does: the case is `measured, no span`.
 */
async function driveToSpan(subject: Subject, spec: CaseSpec, tracing: Tracing, timeoutMs: number): Promise<{ style: CallStyle; drive: SpanNeed[] } | undefined> {
  for (const candidate of driveCandidates(needsOf(spec), listedParent(spec), subject.arity?.declared, subject.arity?.given)) {
    subject.setDrive!(candidate);
    const { best } = await chooseStyle((s) => subject.calls(s).hooked, tracing.counter, timeoutMs);
    if (best !== undefined && best.started > 0) return { style: best.style, drive: candidate };
  }
  subject.setDrive!([]);
  return undefined;
}

/** The same for a diagnostics channel: publish twice per candidate and count the spans. */
async function driveChannel(subject: Subject, spec: CaseSpec, tracing: Tracing): Promise<SpanNeed[] | undefined> {
  const spans = async (): Promise<number> => {
    subject.enterHooked(true);
    const before = tracing.counter.started;
    const call = subject.calls('sync').hooked;
    for (let i = 0; i < 2; i++) await call();
    return tracing.counter.started - before;
  };
  if ((await spans()) > 0) return [];
  for (const candidate of driveCandidates(needsOf(spec), false)) {
    subject.setDrive!(candidate);
    if ((await spans()) > 0) return candidate;
  }
  subject.setDrive!([]);
  return undefined;
}
