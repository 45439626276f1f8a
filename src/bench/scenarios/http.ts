// node http, client and server, through @opentelemetry/instrumentation-http: one GET over a keep-alive
// socket on 127.0.0.1 per call, so the figure holds the client hook (http.request) and the server hook
// (Server.prototype.emit) as an app pays them. Two spans per instrumented call.
import type * as Http from 'node:http';
import type { AddressInfo } from 'node:net';
import { load, loader, patchLoaded, snapshotMembers, tracing, unwrapped, type InstrumentationLike } from './support.js';
import type { PreparedScenario, Scenario } from './types.js';

type Request = typeof Http.request;

export const http: Scenario = {
  id: 'http',
  instrumentationPackage: '@opentelemetry/instrumentation-http',
  target: 'http',
  description: 'GET over a keep-alive agent to a server on 127.0.0.1 (http.request and Server.prototype.emit)',
  requires: ['@opentelemetry/instrumentation-http'],
  async prepare(options): Promise<PreparedScenario> {
    const req = loader(options);
    const httpModule = load<typeof Http>(req, 'node:http');
    const { HttpInstrumentation } = load<{ HttpInstrumentation: new () => InstrumentationLike }>(req, '@opentelemetry/instrumentation-http');

    const originalRequest = unwrapped(httpModule.request);
    const originalEmit = unwrapped(httpModule.Server.prototype.emit);
    const restore = snapshotMembers([httpModule, httpModule.Server.prototype]);
    const instrumentation = new HttpInstrumentation();
    const spans = tracing(req, instrumentation);
    const unpatch = patchLoaded(instrumentation, 'http', httpModule, process.versions.node);

    const handler: Http.RequestListener = (request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
    };
    // The plain server must not reach the patched Server.prototype.emit: an own `emit` hides it.
    const plainServer = httpModule.createServer(handler);
    plainServer.emit = originalEmit;
    const tracedServer = httpModule.createServer(handler);
    const [plainPort, tracedPort] = await Promise.all([listen(plainServer), listen(tracedServer)]);
    const plainAgent = new httpModule.Agent({ keepAlive: true, maxSockets: 1 });
    const tracedAgent = new httpModule.Agent({ keepAlive: true, maxSockets: 1 });

    const get = (request: Request, port: number, agent: Http.Agent): Promise<void> =>
      new Promise((resolve, reject) => {
        const r = request({ host: '127.0.0.1', port, path: '/', method: 'GET', agent }, (res) => {
          res.on('end', resolve).on('error', reject).resume();
        });
        r.on('error', reject).end();
      });

    return {
      plain: () => get(originalRequest, plainPort, plainAgent),
      // looked up at call time: the patched export, as code calling http.request() gets it
      instrumented: () => {
        spans.use('sampled');
        return get(httpModule.request, tracedPort, tracedAgent);
      },
      unsampled: () => {
        spans.use('unsampled');
        return get(httpModule.request, tracedPort, tracedAgent);
      },
      spanCount: spans.spanCount,
      async teardown() {
        plainAgent.destroy();
        tracedAgent.destroy();
        await Promise.all([close(plainServer), close(tracedServer)]);
        unpatch();
        instrumentation.disable();
        restore();
        await spans.shutdown();
      },
    };
  },
};

function listen(server: Http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Http.Server): Promise<void> {
  // keep-alive sockets would hold close() open until their timeout
  server.closeAllConnections();
  return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))).then(closeCallbacks);
}

/** The server's and sockets' handles are released in the loop's close phase: let one pass. */
const closeCallbacks = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
