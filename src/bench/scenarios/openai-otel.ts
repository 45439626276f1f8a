// openai chat.completions.create through @opentelemetry/instrumentation-openai, patched through its
// module definition on the already-loaded client (it offers no manual hook). One span per call.
import { openaiFixture, openaiRuns } from './openai-client.js';
import { load, loader, patchLoaded, tracing, type InstrumentationLike } from './support.js';
import type { PreparedScenario, Scenario } from './types.js';

export const openaiOtel: Scenario = {
  id: 'openai-otel',
  instrumentationPackage: '@opentelemetry/instrumentation-openai',
  target: 'openai',
  description: 'openai client chat.completions.create with a stubbed fetch returning a canned completion',
  requires: ['@opentelemetry/instrumentation-openai', 'openai'],
  async prepare(options): Promise<PreparedScenario> {
    const req = loader(options);
    const openai = openaiFixture(req);
    const { OpenAIInstrumentation } = load<{ OpenAIInstrumentation: new () => InstrumentationLike }>(req, '@opentelemetry/instrumentation-openai');
    const instrumentation = new OpenAIInstrumentation();
    const spans = tracing(req, instrumentation);
    const unpatch = patchLoaded(instrumentation, 'openai', openai.module, openai.version);
    return openaiRuns(openai, spans, instrumentation, unpatch);
  },
};
