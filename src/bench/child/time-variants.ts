// What both kinds of measuring step share (a hook's case, a fidelity scenario): timing the variants in
// interleaved rounds, the optional CPU profile afterwards, and the remark of a case without a span.
import type { Measurement, ProfileFiles } from '../protocol/child-protocol.js';
import { combineRuns, timeRounds, type Variant } from '../timing/run-benny.js';

/** The remark of a case that started no span: its figure is per call. */
export const NO_SPAN_NOTE = 'no span started per call: overheadNsPerSpan is the overhead per call';

type Side = Omit<Variant, 'name'>;

/**
 * Times the plain call, the hooked one (sampled), the bare span and, when given, the hooked call
 * unsampled, all in interleaved rounds (run-benny.ts) so that they are compared under the same
 * conditions; each figure is its fastest round.
 */
export async function timeVariants(
  sides: { plain: Side; hooked: Side; bareSpan: Side; unsampled?: Side },
  timeMs: number,
): Promise<Pick<Measurement, 'baseline' | 'instrumented' | 'bareSpan' | 'unsampled'>> {
  const variants: Variant[] = [
    { name: 'plain', ...sides.plain },
    { name: 'instrumented', ...sides.hooked },
    { name: 'bare span', ...sides.bareSpan },
  ];
  if (sides.unsampled !== undefined) variants.push({ name: 'unsampled', ...sides.unsampled });
  const [baseline, instrumented, bareSpan, unsampled] = (await timeRounds(variants, timeMs)).map(combineRuns);
  return { baseline: baseline!, instrumented: instrumented!, bareSpan: bareSpan!, unsampled: unsampled ?? null };
}

/** `--profile`: a CPU profile of `fn`, after the timing and never during it (the profiler slows every call down). */
export async function profileIfAsked(profile: { dir: string; name: string; durationMs: number } | undefined, fn: () => unknown): Promise<ProfileFiles | undefined> {
  if (profile === undefined) return undefined;
  const { profileCalls, writeProfile } = await import('../../profile/profile.js');
  return writeProfile(profile.dir, profile.name, await profileCalls(fn, { durationMs: profile.durationMs }));
}
