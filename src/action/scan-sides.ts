// Base and head reports for the action. The head is the checkout the workflow made; the base is the
// pull request's base commit, checked out beside it with `git worktree` (no second clone, and the
// workspace is never switched). Each side gets its dependencies installed, then is audited in this
// process with the library's audit() — under the BASE branch's policy file, both sides: the pull
// request's own otel-audit.config.json must not weaken the check that judges it. Both sides share one
// result cache folder (AuditOptions.cache): what did not change between them is analysed (and
// measured) once, and on the next push of the pull request not at all.
//
// The install trusts nothing of the pull request but its lockfile. The default (npm ci) runs in a clean
// folder of ours holding only package.json, the lockfile and the workspaces' package.json files —
// never the checkout, whose `.npmrc` (a `git=` program, a registry with `_authToken=${…}`) npm would
// read — with --ignore-scripts and an environment without the Action's token or any other credential
// (src/vet/npm.ts). A custom install-command runs in the checkout (it may need more than the
// manifests) with that same scrubbed environment.
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditOptions, AuditResult } from '../api/audit.js';
import { readRegularFile } from '../discover/read-regular-file.js';
import { emptyReport } from '../model/empty-report.js';
import type { Report } from '../model/report.js';
import type { BenchCacheStats, CacheStats } from '../cache/cache-options.js';
import type { LoadedPolicy } from '../policy/config.js';
import { npmEnv } from '../vet/npm.js';
import type { CommandOptions, CommandResult } from '../vet/run-command.js';
import { DEFAULT_INSTALL } from './action-inputs.js';

export type Exec = (command: string, args: readonly string[], options: CommandOptions) => Promise<CommandResult>;
export type Audit = (paths: readonly string[], options: AuditOptions) => Promise<AuditResult>;

export class ScanSideError extends Error {
  override name = 'ScanSideError';
}

export interface SideDeps {
  exec: Exec;
  audit: Audit;
  /** the Action's environment: scrubbed before any install sees it */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

async function must(exec: Exec, what: string, command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const r = await exec(command, args, options);
  if (r.code !== 0) {
    const said = (r.spawnError ?? r.stderr).trim().split('\n').slice(-3).join(' ');
    throw new ScanSideError(`${what} failed (exit ${r.code})${said === '' ? '' : `: ${said}`}`);
  }
  return r;
}

/** How a side is audited besides its paths and policy. */
export interface SideOptions {
  /** the result cache folder both sides share ('' for none) */
  cacheDir: string;
  /** scan --bench: also bench every hook */
  bench: boolean;
}

/** What the result cache served one side (audit()'s `cache`; empty when the cache was off). */
export interface SideCacheStats {
  scan?: CacheStats;
  bench?: BenchCacheStats;
}

const NPM_LOCKS = ['npm-shrinkwrap.json', 'package-lock.json'];
/** a lockfile of a large monorepo is tens of MB; far above that is not a lockfile */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/**
 * A manifest of the checkout as text: a regular file (never a FIFO the copy would hang on) whose real
 * path is inside the checkout (never a link to a file elsewhere on the runner), else null.
 */
function manifestText(checkout: string, rel: string): string | null {
  const file = path.join(checkout, rel);
  try {
    const root = realpathSync(checkout);
    const real = realpathSync(file);
    if (!real.startsWith(root + path.sep)) return null;
  } catch {
    return null;
  }
  const read = readRegularFile(file, MAX_MANIFEST_BYTES);
  return 'text' in read ? read.text : null;
}

/** The workspace folders a lockfile lists (its `packages` keys outside node_modules), to copy their manifests. */
function workspaceFolders(lock: string): string[] {
  try {
    const packages = (JSON.parse(lock) as { packages?: Record<string, unknown> }).packages ?? {};
    return Object.keys(packages).filter((k) => k !== '' && !k.split('/').includes('node_modules') && !k.split('/').includes('..') && !path.isAbsolute(k));
  } catch {
    return [];
  }
}

/** package.json, the lockfile and the workspaces' manifests of `checkout`, copied into a fresh folder (nothing else: no .npmrc). */
function cleanCopy(checkout: string): string {
  const manifest = manifestText(checkout, 'package.json');
  const lockName = NPM_LOCKS.find((f) => existsSync(path.join(checkout, f)));
  const lock = lockName === undefined ? null : manifestText(checkout, lockName);
  if (manifest === null || lock === null || lockName === undefined)
    throw new ScanSideError(`install in ${checkout}: no readable package.json with package-lock.json or npm-shrinkwrap.json (set install-command for another package manager)`);
  const clean = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-install-'));
  writeFileSync(path.join(clean, 'package.json'), manifest);
  writeFileSync(path.join(clean, lockName), lock);
  for (const ws of workspaceFolders(lock)) {
    const text = manifestText(checkout, path.join(ws, 'package.json'));
    if (text === null) continue;
    mkdirSync(path.join(clean, ws), { recursive: true });
    writeFileSync(path.join(clean, ws, 'package.json'), text);
  }
  return clean;
}

export interface Installed {
  /** where the scanned paths are looked up first (the clean folder, or the checkout) */
  dir: string;
  cleanup: () => void;
}

/** Installs the side's dependencies as the inputs say; see the top of the file. */
export async function installSide(deps: SideDeps, checkout: string, installCommand: string): Promise<Installed> {
  if (installCommand === '') return { dir: checkout, cleanup: () => undefined };
  const env = npmEnv(deps.env);
  if (installCommand !== DEFAULT_INSTALL) {
    deps.log(`otel-audit: installing in ${checkout}: ${installCommand} (a custom install-command reads the checkout's own configuration files; the environment has no token)`);
    await must(deps.exec, `install in ${checkout}`, 'bash', ['-c', installCommand], { cwd: checkout, env, timeoutMs: 20 * 60_000 });
    return { dir: checkout, cleanup: () => undefined };
  }
  const clean = cleanCopy(checkout);
  const cleanup = (): void => rmSync(clean, { recursive: true, force: true });
  deps.log(`otel-audit: installing the lockfile of ${checkout} in a clean folder: npm ci --ignore-scripts`);
  try {
    await must(deps.exec, `install of ${checkout}'s lockfile`, 'npm', ['ci', '--prefix', clean, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: clean, env, timeoutMs: 20 * 60_000 });
  } catch (err) {
    cleanup();
    throw err;
  }
  return { dir: clean, cleanup };
}

/** One side's report, and what the result cache served it. */
export interface AuditedSide {
  report: Report;
  cache: SideCacheStats;
}

/** Audits `paths` of one side under `policy` (the base's), for its report: each side is reported, the diff is judged. */
export async function auditSide(deps: SideDeps, checkout: string, installed: Installed, paths: readonly string[], policy: LoadedPolicy, side: SideOptions): Promise<AuditedSide> {
  // node_modules/… is what the install put there (never a node_modules the pull request committed);
  // another path (a source folder of the repository) is the checkout's
  const rootOf = (p: string): string => (installed.dir !== checkout && p.replace(/\\/g, '/').replace(/^\.\//, '').split('/')[0] === 'node_modules' ? installed.dir : checkout);
  const located = paths.map((p) => path.join(rootOf(p), p)).filter((p) => existsSync(p));
  // A pull request that adds the first instrumentation has nothing to scan on its base: an empty report
  if (located.length === 0) {
    deps.log(`otel-audit: ${paths.join(' ')} not found in ${checkout}: nothing installed there, an empty report`);
    return { report: emptyReport(paths[0] ?? '.'), cache: {} };
  }
  deps.log(`otel-audit: ${side.bench ? 'scanning and benchmarking' : 'scanning'} ${paths.join(' ')} of ${checkout}`);
  const cache: AuditOptions['cache'] = side.cacheDir === '' ? false : { dir: side.cacheDir };
  const r = await deps.audit(located, { cwd: checkout, policy, failOn: 'none', cache, bench: side.bench ? {} : false });
  if (r.report === null) throw new ScanSideError(`scan in ${checkout} failed: ${r.pathErrors.map((e) => e.message).join('; ')}`);
  return { report: r.report, cache: r.cache ?? {} };
}

/**
 * Checks out `sha` in a temporary worktree and calls `use` with its folder; the worktree is removed
 * afterwards whatever happens. The commit is fetched first when the checkout is shallow.
 */
export async function withWorktree<T>(exec: Exec, repo: string, sha: string, use: (dir: string) => Promise<T>): Promise<T> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-base-'));
  const dir = path.join(parent, 'base');
  await exec('git', ['fetch', '--no-tags', '--depth=1', 'origin', sha], { cwd: repo, timeoutMs: 5 * 60_000 });
  await must(exec, `git worktree add ${sha}`, 'git', ['worktree', 'add', '--detach', dir, sha], { cwd: repo, timeoutMs: 5 * 60_000 });
  try {
    return await use(dir);
  } finally {
    await exec('git', ['worktree', 'remove', '--force', dir], { cwd: repo, timeoutMs: 60_000 });
    rmSync(parent, { recursive: true, force: true });
  }
}
