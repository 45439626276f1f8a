'use strict';
// The twin of ../version-lookup-per-request, the same but for the lookup: the service's package.json is
// read and parsed on the first request only, and the version kept.
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
    if (this._version === undefined) this._version = JSON.parse(fs.readFileSync(this._manifest, 'utf8')).version;
    return this._version;
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
