'use strict';
// The twin of ../version-lookup-per-request, the same but for the lookup: openai's package.json is read
// and parsed on the first call only, and the version kept.
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
    if (this._version === undefined) this._version = JSON.parse(fs.readFileSync(this._manifest, 'utf8')).version;
    return this._version;
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
