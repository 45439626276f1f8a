// openai chat.completions.create through @traceloop/instrumentation-openai, patched with its own
// manual hook (manuallyInstrument(OpenAI), what the Traceloop SDK's instrumentModules does). One span per call.
import { openaiFixture, openaiRuns } from './openai-client.js';
import { load, loader, tracing, type InstrumentationLike } from './support.js';
import type { PreparedScenario, Scenario } from './types.js';

interface TraceloopInstrumentation extends InstrumentationLike {
  manuallyInstrument(module: unknown): void;
}

export const openaiTraceloop: Scenario = {
  id: 'openai-traceloop',
  instrumentationPackage: '@traceloop/instrumentation-openai',
  target: 'openai',
  description: 'openai client chat.completions.create with a stubbed fetch returning a canned completion',
  requires: ['@traceloop/instrumentation-openai', 'openai'],
  async prepare(options): Promise<PreparedScenario> {
    const req = loader(options);
    const openai = openaiFixture(req);
    const { OpenAIInstrumentation } = load<{ OpenAIInstrumentation: new () => TraceloopInstrumentation }>(req, '@traceloop/instrumentation-openai');
    const instrumentation = new OpenAIInstrumentation();
    const spans = tracing(req, instrumentation);
    instrumentation.manuallyInstrument(openai.module.OpenAI);
    // manual patches are not known to disable(): the fixture's snapshot puts the originals back
    return openaiRuns(openai, spans, instrumentation);
  },
};
