// The environment of a child process that runs package code: an allow-list, never a block-list. A
// block-list has to guess every name a secret may have (NPM_TOKEN, GITHUB_TOKEN, INPUT_TOKEN,
// AWS_SECRET_ACCESS_KEY, OTEL_EXPORTER_OTLP_HEADERS, …); an allow-list passes what the child needs
// and nothing that happens to be in the user's shell.

/** Variables of the tool itself (OTEL_AUDIT_DEBUG, OTEL_AUDIT_CACHE_DIR): ours, never a secret. */
export const TOOL_ENV_PREFIX = 'OTEL_AUDIT_';

/** What a Node child needs to behave as it would for the user, none of it a credential. */
export const PASSED_ENV = ['PATH', 'NODE_ENV', 'TZ', 'LANG', 'LC_ALL'] as const;

/**
 * The child's environment: the allow-listed variables of `env`, HOME and TMPDIR pointing into the
 * child's own temp folder (so `os.homedir()` finds no ~/.npmrc, and temp files land where they are
 * removed), and `extra` (set by the caller on purpose, e.g. a port for load's app).
 */
export function sandboxEnv(env: NodeJS.ProcessEnv, tempDir: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const name of PASSED_ENV) if (env[name] !== undefined) out[name] = env[name];
  for (const [name, value] of Object.entries(env)) if (name.startsWith(TOOL_ENV_PREFIX) && value !== undefined) out[name] = value;
  return { ...out, HOME: tempDir, TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir, ...extra };
}
