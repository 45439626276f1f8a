// The real `openai` client (v4–v6) with a stubbed fetch that answers every chat.completions request
// with a canned completion: the client builds, sends and parses as it does in production, and
// nothing leaves the process.
import type { Tracing } from './support.js';
import type { PreparedScenario } from './types.js';
import type { OpenAI as OpenAIClient } from 'openai';
import { load, packageVersion, snapshotMembers, unwrapped } from './support.js';

type OpenAIModule = typeof import('openai');
type ChatParams = OpenAIClient.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type Create = (this: unknown, params: ChatParams) => PromiseLike<unknown>;

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-otel-audit',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help?', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
  system_fingerprint: 'fp_otel_audit',
});

const PARAMS: ChatParams = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello.' },
  ],
  temperature: 0,
};

export interface OpenAIFixture {
  /** the CommonJS exports, which the instrumentations patch */
  module: OpenAIModule;
  version: string | undefined;
  /** one chat completion through the unpatched create */
  plain(): Promise<void>;
  /** one chat completion through whatever `create` is now (patched once the instrumentation ran) */
  call(): Promise<void>;
  /** requests the stub answered */
  requests(): number;
  /** puts back every member of the openai classes the instrumentation replaced */
  restore(): void;
}

export function openaiFixture(req: NodeJS.Require): OpenAIFixture {
  const module = load<OpenAIModule>(req, 'openai');
  const OpenAI = module.OpenAI;
  // every resource class hangs off OpenAI (OpenAI.Chat.Completions …): those prototypes are what gets wrapped
  const restore = snapshotMembers([module, OpenAI, ...resourcePrototypes(OpenAI)]);
  const originalCreate = unwrapped(OpenAI.Chat.Completions.prototype.create) as unknown as Create;
  let requests = 0;
  const fetch = (): Promise<Response> => {
    requests++;
    return Promise.resolve(new Response(COMPLETION, { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_otel_audit' } }));
  };
  // baseURL points nowhere on purpose: if the stub were bypassed the call would fail, not go out
  const client = new OpenAI({ apiKey: 'sk-otel-audit-scenario', baseURL: 'http://127.0.0.1:9/v1', fetch, maxRetries: 0 });
  return {
    module,
    version: packageVersion(req, 'openai'),
    plain: async () => void (await originalCreate.call(client.chat.completions, PARAMS)),
    call: async () => void (await client.chat.completions.create(PARAMS)),
    requests: () => requests,
    restore,
  };
}

/** Prototypes of every class reachable through static members (OpenAI.Chat.Completions …); cycle-safe. */
function resourcePrototypes(root: object): object[] {
  const seen = new Set<unknown>();
  const out: object[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'function' || seen.has(value)) return;
    seen.add(value);
    const proto = (value as { prototype?: unknown }).prototype;
    if (typeof proto === 'object' && proto !== null) out.push(proto);
    for (const key of Object.getOwnPropertyNames(value)) {
      if (key !== 'prototype') visit(Object.getOwnPropertyDescriptor(value, key)?.value);
    }
  };
  for (const key of Object.getOwnPropertyNames(root)) visit(Object.getOwnPropertyDescriptor(root, key)?.value);
  return out;
}

/**
 * The prepared scenario both openai instrumentations share: the same client calls, sampled or not;
 * `unpatch` is what the instrumentation needs undone beyond disable().
 */
export function openaiRuns(openai: OpenAIFixture, spans: Tracing, instrumentation: { disable(): void }, unpatch: () => void = () => {}): PreparedScenario {
  return {
    plain: openai.plain,
    instrumented: () => {
      spans.use('sampled');
      return openai.call();
    },
    unsampled: () => {
      spans.use('unsampled');
      return openai.call();
    },
    spanCount: spans.spanCount,
    async teardown() {
      unpatch();
      instrumentation.disable();
      openai.restore();
      await spans.shutdown();
    },
  };
}
