// The demos of `otel-audit load --demo NAME`: small apps shipped in src/load/demos/ (plain CommonJS, as
// a service is written), with the instrumentation each compares. Their packages are otel-audit's
// devDependencies. A demo may need a server of its own beside the app (the llm demo's fake OpenAI API):
// a companion, started on a loopback port before the app, whose URL the app gets in an environment variable.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/load/demos of the package (the compiled code runs from dist/src/load) */
export const DEMOS_DIR = fileURLToPath(new URL('../../../src/load/demos/', import.meta.url));

export interface Companion {
  name: string;
  /** relative to the demo folder */
  entry: string;
  /** the app gets `http://127.0.0.1:<port><urlPath>` in this variable */
  urlEnv: string;
  urlPath: string;
}

export interface Demo {
  name: string;
  description: string;
  /** the app's entry, relative to DEMOS_DIR */
  entry: string;
  /** the request path */
  path: string;
  /** instrumentation packages of the `with` variant: names, or paths relative to DEMOS_DIR (`./…`) */
  with: string[];
  /** … of the `against` variant, when the demo compares two instrumentations */
  against?: string[];
  companions: Companion[];
  env: Record<string, string>;
}

const FAKE_OPENAI: Companion = { name: 'fake-openai', entry: 'llm/fake-openai.js', urlEnv: 'OPENAI_BASE_URL', urlPath: '/v1' };
/** not a key: the fake server accepts anything, and the client wants one */
const OPENAI_ENV = { OPENAI_API_KEY: 'sk-otel-audit-demo-not-a-key' };

export const DEMOS: readonly Demo[] = [
  {
    name: 'http',
    description: 'a node:http server doing a little JSON work per request, without and with @opentelemetry/instrumentation-http',
    entry: 'http/app.js',
    path: '/?n=20',
    with: ['@opentelemetry/instrumentation-http'],
    companions: [],
    env: {},
  },
  {
    name: 'express',
    description: 'an express app with a router and two middlewares, without and with the http and express instrumentations',
    entry: 'express/app.js',
    path: '/api/items?n=20',
    with: ['@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-express'],
    companions: [],
    env: {},
  },
  {
    name: 'llm',
    description: 'an express endpoint calling the openai client against a local fake OpenAI server: without, with @opentelemetry/instrumentation-openai, against @traceloop/instrumentation-openai',
    entry: 'llm/app.js',
    path: '/chat?q=hello',
    with: ['@opentelemetry/instrumentation-openai'],
    against: ['@traceloop/instrumentation-openai'],
    companions: [FAKE_OPENAI],
    env: OPENAI_ENV,
  },
  {
    name: 'per-request-lookup',
    // the http app, not the llm one: a light request (a little JSON work, ~100 µs of CPU) where one
    // read and parse of a package.json per request is the share of a request it is in a small JSON service
    description: "the http app with a tiny local instrumentation (a span per request) that reads the service's package.json on every request (against), next to its memoised twin (with)",
    entry: 'http/app.js',
    path: '/?n=20',
    with: ['./per-request-lookup/version-lookup-memoised'],
    against: ['./per-request-lookup/version-lookup-per-request'],
    companions: [],
    env: {},
  },
  {
    name: 'per-request-lookup-llm',
    // the seed story's app: the same twins in the llm app, whose request (express, the openai client, a
    // call to the fake server: ~1,200 µs of CPU) dwarfs the read and parse
    description: 'the llm app with the same two instrumentations: the per-request read (against) next to its memoised twin (with)',
    entry: 'llm/app.js',
    path: '/chat?q=hello',
    with: ['./per-request-lookup/version-lookup-memoised'],
    against: ['./per-request-lookup/version-lookup-per-request'],
    companions: [FAKE_OPENAI],
    env: OPENAI_ENV,
  },
];

export const DEMO_NAMES = DEMOS.map((d) => d.name);

export function findDemo(name: string): Demo | undefined {
  return DEMOS.find((d) => d.name === name);
}

/** A demo's package list with its local packages made absolute. */
export function demoPackages(packages: readonly string[]): string[] {
  return packages.map((p) => (p.startsWith('./') ? path.join(DEMOS_DIR, p) : p));
}
