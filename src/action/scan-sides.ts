// Base and head reports for the action. The head is the checkout the workflow made; the base is the
// pull request's base commit, checked out beside it with `git worktree` (no second clone, and the
// workspace is never switched). Each side gets its dependencies installed by the configured command,
// then is scanned by this package's own CLI — so a policy file (otel-audit.config.json) applies the
// same way it does on a developer's machine, each side with its own.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyReport } from '../model/empty-report.js';
import type { BenchCacheStats, CacheStats } from '../cache/cache-options.js';
import type { CommandOptions, CommandResult } from '../vet/run-command.js';

export type Exec = (command: string, args: readonly string[], options: CommandOptions) => Promise<CommandResult>;

export const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

export class ScanSideError extends Error {
  override name = 'ScanSideError';
}

async function must(exec: Exec, what: string, command: string, args: readonly string[], options: CommandOptions, ok: (code: number | null) => boolean = (code) => code === 0): Promise<CommandResult> {
  const r = await exec(command, args, options);
  if (!ok(r.code)) {
    const said = (r.spawnError ?? r.stderr).trim().split('\n').slice(-3).join(' ');
    throw new ScanSideError(`${what} failed (exit ${r.code})${said === '' ? '' : `: ${said}`}`);
  }
  return r;
}

/** How a side is scanned besides its paths. */
export interface SideOptions {
  installCommand: string;
  /** the result cache folder both sides share ('' for none: --no-cache) */
  cacheDir: string;
  /** scan --bench */
  bench: boolean;
}

/** What the result cache served one side (from --cache-stats; empty when the cache was off). */
export interface SideCacheStats {
  scan?: CacheStats;
  bench?: BenchCacheStats;
}

function readStats(file: string): SideCacheStats {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SideCacheStats;
  } catch {
    return {}; // counts only feed a line of the comment: none is better than a failed check
  }
}

/** Installs (when a command is set) and scans `paths` in `dir`, writing the JSON report to `out`. */
export async function scanCheckout(exec: Exec, dir: string, paths: readonly string[], side: SideOptions, out: string, log: (line: string) => void): Promise<SideCacheStats> {
  if (side.installCommand !== '') {
    log(`otel-audit: installing in ${dir}: ${side.installCommand}`);
    await must(exec, `install in ${dir}`, 'bash', ['-c', side.installCommand], { cwd: dir, timeoutMs: 20 * 60_000 });
  }
  // A pull request that adds the first instrumentation has nothing to scan on its base: an empty report
  const present = paths.filter((p) => existsSync(path.join(dir, p)));
  if (present.length === 0) {
    log(`otel-audit: ${paths.join(' ')} not found in ${dir}: nothing installed there, an empty report`);
    writeFileSync(out, `${JSON.stringify(emptyReport(paths[0] ?? '.'), null, 2)}\n`);
    return {};
  }
  log(`otel-audit: scanning ${present.join(' ')} in ${dir}`);
  // base and head share one cache folder: what did not change between them is analysed (and
  // measured) once, and on the next push of the pull request not at all
  const statsFile = `${out}.cache.json`;
  const cache = side.cacheDir === '' ? ['--no-cache'] : ['--cache-dir', side.cacheDir, '--cache-stats', statsFile];
  // Exit 1 is a verdict, not a failure: findings at or above the failOn of that side's policy file
  // (which --fail-on none would override, but a budget it exceeds still exits 1). The report is written
  // either way, and the action judges the diff, not each side. Only 2 (or no report) is a failure.
  const args = [CLI, 'scan', ...present, '--format', 'json', '--output', out, '--quiet', '--fail-on', 'none', ...cache, ...(side.bench ? ['--bench'] : [])];
  await must(exec, `scan in ${dir}`, process.execPath, args, { cwd: dir, timeoutMs: 20 * 60_000 }, (code) => code === 0 || (code === 1 && existsSync(out)));
  return side.cacheDir === '' ? {} : readStats(statsFile);
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
