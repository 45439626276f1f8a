// The environment of the app and demo servers: the sandbox's allow-list (src/sandbox/child-env.ts:
// PATH, locale, time zone, otel-audit's own variables; HOME and TMPDIR in the child's own temp folder)
// and what otel-audit sets on purpose — never the user's secrets (tokens, cloud credentials, npm auth)
// unless named with --env. The app is the user's code, but it loads the instrumentation under audit,
// and otel-audit starts it, so otel-audit decides what it sees.
import { sandboxEnv } from '../sandbox/child-env.js';

/**
 * What load sets on purpose: `NODE_ENV=production` unless given (a load test measures the app as it
 * runs in production: express caches views and drops stack traces from error pages there), then
 * `extra`, which wins over everything.
 */
export function childEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  return { NODE_ENV: 'production', ...extra };
}

/** The environment the app sees in the sandbox (sandboxed-spawn.ts builds the same): for tests and docs. */
export function sandboxedChildEnv(parent: NodeJS.ProcessEnv, tempDir: string, extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return sandboxEnv(parent, tempDir, childEnv(extra));
}

/**
 * `--env NAME` (take NAME from otel-audit's own environment) or `--env NAME=VALUE`; a NAME that is not
 * set is left out rather than set empty.
 */
export function parseEnvOptions(given: readonly string[], parent: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of given) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`--env takes NAME or NAME=VALUE, not ${JSON.stringify(item)}`);
    if (eq >= 0) out[name] = item.slice(eq + 1);
    else if (parent[name] !== undefined) out[name] = parent[name]!;
  }
  return out;
}
