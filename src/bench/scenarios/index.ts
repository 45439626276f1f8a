// The registry of fidelity scenarios: where the generic harness (auto-mocked targets) is not enough, a
// scenario drives the real target. Loading this file loads no instrumentation: each scenario loads
// its packages in prepare(), so a missing one fails that scenario alone.
import { http } from './http.js';
import { openaiOtel } from './openai-otel.js';
import { openaiTraceloop } from './openai-traceloop.js';
import type { Scenario } from './types.js';

export type { PreparedScenario, Scenario, ScenarioOptions } from './types.js';

export const scenarios: readonly Scenario[] = [http, openaiOtel, openaiTraceloop];

export function scenarioById(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}

/** The scenarios that measure an instrumentation package (by npm name). */
export function scenariosFor(instrumentationPackage: string): Scenario[] {
  return scenarios.filter((s) => s.instrumentationPackage === instrumentationPackage);
}
