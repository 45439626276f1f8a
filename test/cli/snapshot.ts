// Minimal file snapshots for CLI runs (node:test on Node 20 has none): exit code, stdout and stderr as
// JSON under test/cli/__snapshots__/. A missing snapshot is written on first run (and fails in CI, so a
// snapshot nobody reviewed can never pass there); UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliResult } from './run-cli.js';

// Compiled to dist/test/cli/, the snapshots stay beside the sources in test/cli/.
const DIR = fileURLToPath(new URL('../../../test/cli/__snapshots__/', import.meta.url));

export interface CliSnapshot {
  args: string[];
  exitCode: number | null;
  stdout: string[];
  stderr: string[];
}

/** Lines rather than one string: a failing diff then points at the line that changed. */
export function toSnapshot(args: string[], r: CliResult, replace: Array<[string | RegExp, string]> = []): CliSnapshot {
  const clean = (s: string): string[] =>
    replace.reduce((acc, [from, to]) => (typeof from === 'string' ? acc.split(from).join(to) : acc.replace(from, to)), s).split('\n');
  return { args, exitCode: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr) };
}

export async function matchSnapshot(name: string, actual: CliSnapshot): Promise<void> {
  const file = path.join(DIR, `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_SNAPSHOTS === '1' || (!existsSync(file) && process.env.CI === undefined)) {
    await mkdir(DIR, { recursive: true });
    await writeFile(file, text);
    return;
  }
  assert.ok(existsSync(file), `missing snapshot ${file}: run the tests once locally (or UPDATE_SNAPSHOTS=1) and commit it`);
  assert.deepEqual(actual, JSON.parse(await readFile(file, 'utf8')) as CliSnapshot);
}
