// The measuring step of a bench child for a fidelity scenario (src/bench/scenarios/): the scenario drives
// the real target through the real instrumentation, and this times its three runs — plain, sampled,
// unsampled — with the same interleaved rounds, the same counting pass and the same bare span as a
// generic case (measure-case.ts), so that its entry reads like any other. Every run is a promise (a
// request to completion).
import { scenarioById } from '../scenarios/index.js';
import { SCENARIO_MIN_TIME_MS, SCENARIO_WARM_UP_MS } from '../protocol/bench-options.js';
import type { BenchSettings, Measurement, ScenarioCase } from '../protocol/child-protocol.js';
import { NO_SPAN_NOTE, profileIfAsked, timeVariants } from './time-variants.js';
import { countOps, type OpCounts } from '../counters/op-counters.js';
import { createTracing } from '../harness/tracing.js';
import { warmUp } from '../timing/warm-up.js';
import type { OnMeasured } from './serve-verify.js';

/** The operations the hooked call ran beyond the plain one's, per call; sites from the hooked call. */
export function addedOps(hooked: OpCounts, plain: OpCounts): OpCounts {
  const opsPerCall: Record<string, number> = {};
  const opSites: OpCounts['opSites'] = {};
  for (const [op, n] of Object.entries(hooked.opsPerCall)) {
    const added = n - (plain.opsPerCall[op] ?? 0);
    // a few thousandths apart is the same count (the client caches over calls)
    if (added > 0.001) {
      opsPerCall[op] = added;
      if (hooked.opSites[op] !== undefined) opSites[op] = hooked.opSites[op];
    }
  }
  return { opsPerCall, opSites };
}

export async function measureScenario(
  dir: string,
  spec: ScenarioCase,
  settings: BenchSettings,
  profile: { dir: string; name: string; durationMs: number } | undefined,
  onMeasured: OnMeasured,
): Promise<void> {
  const scenario = scenarioById(spec.target);
  if (scenario === undefined) throw new Error(`no scenario ${spec.target} in this version of otel-audit`);
  // the bare span on a provider of its own: the scenario's providers belong to its instrumentation
  const reference = createTracing();
  const prepared = await scenario.prepare({ resolveFrom: dir });
  try {
    const plain = (): Promise<void> => prepared.plain();
    const sampled = (): Promise<void> => prepared.instrumented();
    const unsampled = prepared.unsampled === undefined ? undefined : (): Promise<void> => prepared.unsampled!();

    // counting pass: its own calls, never timed; spans per call from the scenario's counting processor.
    // The real target runs operations of its own (the openai client parses JSON): counted on the plain
    // call too, and only what the instrumentation adds is reported.
    const timeoutMs = Math.max(settings.probeTimeoutMs, 5_000);
    const own = await countOps(plain, settings.countCalls, timeoutMs);
    const before = prepared.spanCount();
    const ops = addedOps(await countOps(sampled, settings.countCalls, timeoutMs), own);
    const spansPerCall = (prepared.spanCount() - before) / settings.countCalls;

    // a request runs through much more code than a hook (sockets, parsers, the client): both sides
    // warm up for a second, or the first rounds time the JIT rather than the request
    await warmUp(plain, SCENARIO_WARM_UP_MS);
    await warmUp(sampled, SCENARIO_WARM_UP_MS);
    const timeMs = Math.max(settings.timeMs, SCENARIO_MIN_TIME_MS);
    const timed = await timeVariants(
      { plain: { fn: plain }, hooked: { fn: sampled }, bareSpan: { fn: reference.bareSpan }, ...(unsampled !== undefined ? { unsampled: { fn: unsampled } } : {}) },
      timeMs,
    );
    const profileFiles = await profileIfAsked(profile, sampled);
    const notes = [timeMs > settings.timeMs ? `timed for ${timeMs} ms a variant (a scenario gets at least ${SCENARIO_MIN_TIME_MS})` : null, spansPerCall === 0 ? NO_SPAN_NOTE : null].filter(
      (n): n is string => n !== null,
    );
    const note = notes.length === 0 ? null : notes.join('; ');
    const measurement: Measurement = { style: 'promise', spansPerCall, ...timed, opsPerCall: ops.opsPerCall, opSites: ops.opSites, note, ...(profileFiles ? { profileFiles } : {}) };
    // answered and cross-checked before the teardown: the verification calls need the scenario's server
    await onMeasured(measurement, { plain: { fn: plain }, hooked: { fn: sampled } });
  } finally {
    await prepared.teardown();
  }
}
