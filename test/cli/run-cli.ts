// Spawns the built CLI (dist/src/cli.js) the way a user runs it, and makes temporary packages to point
// it at. Everything temporary lives under os.tmpdir() and is removed by the caller's `after`.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../src/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** node flags before the script (e.g. --import a loader) */
  nodeArgs?: string[];
  timeoutMs?: number;
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  // A clean colour environment: the output must not depend on the developer's or CI's terminal.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  delete env.OTEL_AUDIT_DEBUG;
  if (options.env?.OTEL_AUDIT_DEBUG !== undefined) env.OTEL_AUDIT_DEBUG = options.env.OTEL_AUDIT_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // A hang (a symlink loop followed forever) must fail the test, not the whole run.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Writes `files` (relative path → content) under a new temp folder and returns its path. */
export async function makeTree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return dir;
}

export function removeTree(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

export const manifest = (name: string, version = '1.0.0', extra: Record<string, unknown> = {}): string => JSON.stringify({ name, version, main: 'index.js', ...extra }, null, 2);

/** A shimmer-style instrumentation whose wrapper reads a file on every call of the wrapped method. */
export const SHIMMER_PER_CALL_READ = `'use strict';
const shimmer = require('shimmer');
const fs = require('fs');

function patch(moduleExports) {
  shimmer.wrap(moduleExports, 'query', function (original) {
    return function patchedQuery() {
      const tpl = fs.readFileSync(__dirname + '/template.html', 'utf8');
      return original.apply(this, arguments);
    };
  });
  return moduleExports;
}

module.exports = { patch };
`;

/** Position of the per-call readFileSync in SHIMMER_PER_CALL_READ (1-based line and column). */
export const SHIMMER_READ_AT = { line: 8, column: 19 };
