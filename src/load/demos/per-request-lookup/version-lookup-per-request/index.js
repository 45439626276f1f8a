'use strict';
// A tiny instrumentation of the openai client: a span per chat completion, tagged with the installed
// openai version — looked up by reading and parsing openai's package.json on EVERY call, the Node
// shape of the per-request `importlib.metadata.version("openai")` that once halved a service's
// throughput. Its twin, ../version-lookup-memoised, is the same but for the lookup.
const fs = require('node:fs');
const path = require('node:path');
const { context, trace, SpanKind, SpanStatusCode } = require('@opentelemetry/api');
const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const { name, version } = require('./package.json');

class OpenAIVersionInstrumentation extends InstrumentationBase {
  constructor(config = {}) {
    super(name, version, config);
  }

  init() {
    return [
      new InstrumentationNodeModuleDefinition(
        'openai',
        ['>=4 <7'],
        (exports) => {
          this._manifest = path.join(path.dirname(require.resolve('openai')), 'package.json');
          this._wrap(exports.OpenAI.Chat.Completions.prototype, 'create', (original) => this._patchedCreate(original));
          return exports;
        },
        (exports) => {
          this._unwrap(exports.OpenAI.Chat.Completions.prototype, 'create');
        },
      ),
    ];
  }

  openaiVersion() {
    return JSON.parse(fs.readFileSync(this._manifest, 'utf8')).version;
  }

  _patchedCreate(original) {
    const instrumentation = this;
    return function create(params, ...rest) {
      const span = instrumentation.tracer.startSpan(`chat ${params?.model ?? ''}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'gen_ai.system': 'openai', 'gen_ai.request.model': params?.model, 'openai.version': instrumentation.openaiVersion() },
      });
      const result = context.with(trace.setSpan(context.active(), span), () => original.call(this, params, ...rest));
      result.then(
        () => span.end(),
        (err) => {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(err?.message ?? err) });
          span.end();
        },
      );
      return result;
    };
  }
}

module.exports = { OpenAIVersionInstrumentation };
