'use strict';
// A tiny instrumentation of node:http servers: a server span per request, tagged with the service's
// version — looked up by reading and parsing the service's package.json on EVERY request, the Node
// shape of the per-request `importlib.metadata.version("openai")` that once halved a service's
// throughput. Its twin, ../version-lookup-memoised, is the same but for the lookup.
const fs = require('node:fs');
const path = require('node:path');
const { context, trace, SpanKind, SpanStatusCode } = require('@opentelemetry/api');
const { InstrumentationBase, InstrumentationNodeModuleDefinition, isWrapped } = require('@opentelemetry/instrumentation');
const { name, version } = require('./package.json');

class ServiceVersionInstrumentation extends InstrumentationBase {
  constructor(config = {}) {
    super(name, version, config);
  }

  init() {
    return [
      new InstrumentationNodeModuleDefinition(
        'http',
        ['*'],
        (exports) => {
          // `http` and `node:http` are one module: patch it once
          if (isWrapped(exports.Server.prototype.emit)) return exports;
          this._manifest = path.join(process.cwd(), 'package.json');
          this._wrap(exports.Server.prototype, 'emit', (original) => this._patchedEmit(original));
          return exports;
        },
        (exports) => {
          this._unwrap(exports.Server.prototype, 'emit');
        },
      ),
    ];
  }

  serviceVersion() {
    return JSON.parse(fs.readFileSync(this._manifest, 'utf8')).version;
  }

  _patchedEmit(original) {
    const instrumentation = this;
    return function emit(event, req, res) {
      if (event !== 'request') return original.apply(this, arguments);
      const span = instrumentation.tracer.startSpan(`${req.method}`, {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.url, 'service.version': instrumentation.serviceVersion() },
      });
      res.once('finish', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      return context.with(trace.setSpan(context.active(), span), () => original.apply(this, arguments));
    };
  }
}

module.exports = { ServiceVersionInstrumentation };
