// Calls to the user's npm: `npm pack` to fetch (or pack a folder) and `npm install` for dependencies.
// Their own npm, so their registry, scopes and auth in ~/.npmrc apply; never with install scripts.
import path from 'node:path';
import { runCommand, type CommandResult } from './run-command.js';

/**
 * The environment for npm. When otel-audit itself runs under `npm run`/`npm test`, npm exports
 * `npm_config_local_prefix` (the caller's project): inherited, it would make `npm install` in the temp
 * folder install into the user's project. Every such per-invocation variable is dropped; the user's
 * configuration files still apply. Update checks and funding notices are noise here.
 */
export function npmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    const key = k.toLowerCase();
    if (key === 'npm_config_local_prefix' || key === 'npm_config_prefix' || key === 'npm_config_global') continue;
    if (key.startsWith('npm_package_') || key.startsWith('npm_lifecycle_')) continue;
    out[k] = v;
  }
  return { ...out, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

/** The first lines of npm's error output that say something (not the "complete log" pointer). */
export function npmErrorSummary(r: CommandResult): string {
  if (r.spawnError !== undefined) return `npm could not be started: ${r.spawnError}`;
  const errors = r.stderr.split('\n').filter((l) => /^npm (?:error|ERR!)/.test(l)).map((l) => l.replace(/^npm (?:error|ERR!)\s*/, '').trim());
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

/** `npm install` of a package's production dependencies into its own node_modules. */
export async function npmInstall(dir: string, offline: boolean): Promise<CommandResult> {
  const args = ['install', '--prefix', dir, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', ...(offline ? ['--offline'] : [])];
  return runCommand('npm', args, { cwd: dir, env: npmEnv() });
}
