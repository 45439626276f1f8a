// CLI runs as snapshots: exit code, stdout and stderr (as lines, so that a failing diff points at the
// line that changed) as JSON under test/cli/__snapshots__/, matched by the one snapshot helper
// (test/helpers/snapshot.ts: a missing snapshot fails unless UPDATE_SNAPSHOTS=1).
import { matchSnapshot } from '../helpers/snapshot.js';
import type { CliResult } from './run-cli.js';

export interface CliSnapshot {
  args: string[];
  exitCode: number | null;
  stdout: string[];
  stderr: string[];
}

export function toSnapshot(args: string[], r: CliResult, replace: Array<[string | RegExp, string]> = []): CliSnapshot {
  const clean = (s: string): string[] => replace.reduce((acc, [from, to]) => (typeof from === 'string' ? acc.split(from).join(to) : acc.replace(from, to)), s).split('\n');
  return { args, exitCode: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr) };
}

export function matchCliSnapshot(name: string, actual: CliSnapshot): void {
  matchSnapshot(`test/cli/__snapshots__/${name}.json`, `${JSON.stringify(actual, null, 2)}\n`);
}
