// The environment of the app and demo servers: what a Node process needs to run, and nothing of the
// user's secrets (tokens, cloud credentials, npm auth) unless named with --env. The app is the user's
// code, but otel-audit starts it, so otel-audit decides what it sees.

/** Passed through when set: the platform basics (paths, locale, time zone, temp folders, Windows' system variables). */
const KEPT = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'SYSTEMROOT', 'SystemRoot', 'COMSPEC', 'ComSpec', 'PATHEXT', 'WINDIR'];

/**
 * `NODE_ENV=production` unless given: a load test measures the app as it runs in production (express
 * caches views and drops stack traces from error pages there). `extra` wins over everything.
 */
export function childEnv(parent: NodeJS.ProcessEnv, extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: 'production' };
  for (const key of KEPT) {
    const value = parent[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
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
