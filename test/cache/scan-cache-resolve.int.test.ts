// The scan cache across processes, as a user runs it: Node's require.resolve memoises lookups within
// a process, so a dependency that starts resolving elsewhere is only seen by a fresh one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { addToTree } from '../discover/make-tree.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { appTree, instrPaths, listEntries } from './app-tree.js';

const temps = tempDirs();

describe('scan result cache, one process a run', () => {
  it('a dependency that resolves elsewhere (a nested copy shadows the hoisted one) invalidates', async () => {
    // in fresh processes, as a user runs it: Node's require.resolve memoises lookups within a process
    const cache = temps.make('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    const scanJson = async (...extra: string[]): Promise<string> => {
      const r = await runCli(['scan', ...instrPaths(root), '--format', 'json', '--quiet', ...extra], { cwd: root });
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.replace(/"durationMs": \d+/, '"durationMs": 0');
    };
    await scanJson('--cache-dir', cache);
    const before = listEntries(path.join(cache, 'scan-v1')).length;
    addToTree(root, {
      'node_modules/instr-a/node_modules/dep-d/package.json': { name: 'dep-d', version: '2.0.0', main: 'index.js' },
      'node_modules/instr-a/node_modules/dep-d/index.js': `exports.helper = function helper() { return 2; };\n`,
    });
    const cached = await scanJson('--cache-dir', cache);
    assert.equal(cached, await scanJson('--no-cache'));
    assert.doesNotMatch(cached, /"reachedFrom": "instr-a@1.0.0"/);
    // instr-a analysed again (a second variant), and the nested dep-d@2.0.0 the scan of its folder found
    assert.equal(listEntries(path.join(cache, 'scan-v1')).length, before + 2);
  });
});
