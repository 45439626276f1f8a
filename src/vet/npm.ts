// Calls to the user's npm: `npm pack` to fetch (or pack a folder) and `npm install` for dependencies.
// Their own npm, so their registry, scopes and auth in ~/.npmrc apply; never with install scripts.
import path from 'node:path';
import { readRegularFile } from '../discover/read-regular-file.js';
import { runCommand, type CommandResult } from './run-command.js';

/** What npm needs from the environment to find its programs, its configuration, its cache and a proxy. */
const KEEP = new Set(
  [
    'PATH',
    'PATHEXT',
    'HOME',
    'USERPROFILE',
    'APPDATA',
    'LOCALAPPDATA',
    'SYSTEMROOT',
    'COMSPEC',
    'WINDIR',
    'TMPDIR',
    'TEMP',
    'TMP',
    'LANG',
    'LC_ALL',
    'LC_CTYPE',
    'TZ',
    'CI',
    'XDG_CONFIG_HOME',
    'XDG_CACHE_HOME',
    'NODE_EXTRA_CA_CERTS',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
  ].map((k) => k.toLowerCase()),
);
/** a variable that may carry a credential, whatever it is called otherwise */
const SECRET = /token|auth|passw|secret|credential|cookie|session|private|_key$|apikey/i;
/** npm's per-invocation exports when otel-audit runs under `npm run`: inherited, `npm install` would land in the caller's project */
const PER_INVOCATION = new Set(['npm_config_local_prefix', 'npm_config_prefix', 'npm_config_global']);

/** `${NAME}` references in the user's own npm configuration file: those variables its registry auth needs. */
function referencedByUserConfig(env: NodeJS.ProcessEnv): Set<string> {
  const home = env.HOME ?? env.USERPROFILE;
  const file = env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? (home ? path.join(home, '.npmrc') : undefined);
  if (file === undefined) return new Set();
  const read = readRegularFile(file, 1024 * 1024);
  if (!('text' in read)) return new Set();
  return new Set([...read.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!));
}

/**
 * The environment for npm (vet's pack and install, the Action's install): an allow-list, never the
 * caller's tokens (NPM_TOKEN, GITHUB_TOKEN, INPUT_TOKEN …) — nothing that runs during an install of
 * untrusted dependencies (npm, a git it starts) gets them. The exception is what the user's own npm
 * configuration file names as `${VAR}`: its registry auth, sent by npm to that registry only. The
 * GitHub Action's own token is never passed, even then. Update checks and funding notices are noise.
 */
export function npmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const referenced = referencedByUserConfig(env);
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    const key = k.toLowerCase();
    if (key.startsWith('input_') || key === 'github_token') continue;
    if (referenced.has(k)) out[k] = v;
    else if (KEEP.has(key)) out[k] = v;
    else if (key.startsWith('npm_config_') && !PER_INVOCATION.has(key) && !SECRET.test(key.slice('npm_config_'.length))) out[k] = v;
  }
  return { ...out, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

/** The first lines of npm's error output that say something (not the "complete log" pointer). */
export function npmErrorSummary(r: CommandResult): string {
  if (r.spawnError !== undefined) return `npm could not be started: ${r.spawnError}`;
  const errors = r.stderr
    .split('\n')
    .filter((l) => /^npm (?:error|ERR!)/.test(l))
    .map((l) => l.replace(/^npm (?:error|ERR!)\s*/, '').trim());
  const code = errors.find((l) => /^code E[A-Z0-9]+$/.test(l))?.slice('code '.length);
  // `notarget` prefixes npm's ETARGET lines, followed by a generic hint about "your dependencies": both noise here
  const text = errors
    .filter((l) => l !== '' && !/^code |^errno |complete log of this run|^notarget In most cases/i.test(l))
    .map((l) => l.replace(/^notarget\s+/, ''))
    .slice(0, 2)
    .join(' ');
  if (text === '') return code ?? `npm exited with code ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`;
  return code ? `${code}: ${text}` : text;
}

export interface PackResult {
  ok: boolean;
  /** the tarball written, when ok */
  tarball?: string;
  /** npm's error code (E404, ENOTCACHED, …) when known */
  errorCode?: string;
  message?: string;
}

/** `npm pack <spec> --pack-destination <dest>`: downloads a registry package or packs a folder. */
export async function npmPack(spec: string, dest: string, options: { offline: boolean; cwd: string }): Promise<PackResult> {
  const args = ['pack', spec, '--pack-destination', dest, '--ignore-scripts', '--json', ...(options.offline ? ['--offline'] : [])];
  const r = await runCommand('npm', args, { cwd: options.cwd, env: npmEnv() });
  if (r.code === 0) {
    try {
      const parsed = JSON.parse(r.stdout) as Array<{ filename?: string }>;
      const name = parsed[0]?.filename;
      if (name !== undefined) return { ok: true, tarball: path.join(dest, path.basename(name.replace(/^@/, '').replace(/\//g, '-'))) };
    } catch {
      // fall through: npm said it worked but printed no JSON we understand
    }
    return { ok: false, message: 'npm pack printed no tarball name' };
  }
  const code = /\bcode (E[A-Z0-9]+)/.exec(r.stderr)?.[1];
  return { ok: false, ...(code ? { errorCode: code } : {}), message: npmErrorSummary(r) };
}

/**
 * `npm install` in a folder of ours (its package.json written by vet, no .npmrc): the dependencies
 * land in `dir/node_modules`. No scripts; the working folder and prefix are that folder, so no
 * project configuration but ours applies.
 */
export async function npmInstall(dir: string, offline: boolean): Promise<CommandResult> {
  const args = ['install', '--prefix', dir, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', ...(offline ? ['--offline'] : [])];
  return runCommand('npm', args, { cwd: dir, env: npmEnv() });
}
