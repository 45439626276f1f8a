// The GitHub Action's script on a recorded pull_request event and fixture reports, with fetch and
// commands stubbed: no network, no git, no npm.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction, type ActionDeps } from '../../src/action/run-action.js';
import type { Exec } from '../../src/action/scan-sides.js';
import { COMMENT_MARKER } from '../../src/action/upsert-comment.js';
import type { Report } from '../../src/model/report.js';
import { comments, created, prFiles, stubGitHub, updated, type Route } from './stub-github.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/action/', import.meta.url));
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Run {
  code: number;
  outputs: Record<string, string>;
  summary: string;
  log: string[];
  calls: ReturnType<typeof stubGitHub>['calls'];
  workspace: string;
}

async function run(routes: Route[], inputs: Record<string, string> = {}, extra: Partial<ActionDeps> & { event?: string } = {}): Promise<Run> {
  const workspace = extra.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'otel-audit-action-test-'));
  dirs.push(workspace);
  const outputFile = path.join(workspace, 'github-output');
  const summaryFile = path.join(workspace, 'step-summary');
  writeFileSync(outputFile, '');
  const { fetch, calls } = stubGitHub(routes);
  const log: string[] = [];
  const env: NodeJS.ProcessEnv = {
    GITHUB_EVENT_PATH: path.resolve(FIXTURES, extra.event ?? 'event.json'),
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    INPUT_TOKEN: 'ghs_test',
    INPUT_BASE_REPORT: path.join(FIXTURES, 'base.json'),
    INPUT_HEAD_REPORT: path.join(FIXTURES, 'head.json'),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, '_')}`, v])),
  };
  const code = await runAction({
    env,
    fetch,
    exec: async () => ({ code: 1, stdout: '', stderr: 'no commands in this test' }),
    log: (l) => log.push(l),
    workspace,
    renderSarif: async (r: Report) => `${JSON.stringify({ version: '2.1.0', runs: [{ results: r.findings.filter((f) => f.frequency === 'per-call').length }] })}\n`,
    ...extra,
  });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { code, outputs, summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '', log, calls, workspace };
}

const LOCKFILE = prFiles(['package-lock.json', 'src/tracing.ts']);

describe('GitHub Action: a pull request that changes the lockfile', () => {
  it('creates the comment (with the marker), writes SARIF and the diff, fails on the new high findings', async () => {
    const r = await run([LOCKFILE, comments([{ id: 1, body: 'LGTM' }]), created]);
    assert.equal(r.code, 1);
    const post = r.calls.find((c) => c.method === 'POST')!;
    assert.equal(post.path, '/repos/acme/checkout-service/issues/42/comments');
    assert.equal(post.headers.Authorization, 'Bearer ghs_test');
    const body = (post.body as { body: string }).body;
    assert.ok(body.startsWith(`${COMMENT_MARKER}\n### ❌ otel-audit: 3 new per-call findings at or above high`));
    assert.ok(body.includes('| `fixture-tsc-cjs` | `1.5.0` | `1.6.0` |'));
    assert.ok(!r.calls.some((c) => c.method === 'PATCH'));
    assert.equal(r.outputs.result, 'fail');
    assert.equal(r.outputs['comment-url'], 'https://github.com/acme/checkout-service/pull/42#issuecomment-9001');
    assert.equal(r.outputs.sarif, path.join(r.workspace, 'otel-audit.sarif'));
    assert.deepEqual(JSON.parse(readFileSync(r.outputs.sarif, 'utf8')), { version: '2.1.0', runs: [{ results: 6 }] });
    assert.equal((JSON.parse(readFileSync(r.outputs.diff!, 'utf8')) as { summary: { newPerCall: number } }).summary.newPerCall, 6);
    assert.equal(r.summary.trim(), body.trim(), 'the job summary shows the same Markdown');
  });

  it('updates the previous comment found by its marker, on any page, instead of adding one', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ id: i + 1, body: i === 117 ? `${COMMENT_MARKER}\nold` : `comment ${i}` }));
    const r = await run([LOCKFILE, comments(many), created, updated]);
    assert.equal(r.code, 1);
    const writes = r.calls.filter((c) => c.method !== 'GET');
    assert.deepEqual(writes.map((c) => `${c.method} ${c.path}`), ['PATCH /repos/acme/checkout-service/issues/comments/118']);
    assert.ok(r.calls.some((c) => c.path.includes('page=2')), 'read the second page');
  });

  it('passes when the change only fixes findings (base and head swapped)', async () => {
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': path.join(FIXTURES, 'head.json'), 'head-report': path.join(FIXTURES, 'base.json') });
    assert.equal(r.code, 0);
    assert.equal(r.outputs.result, 'pass');
    const body = (r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body;
    assert.match(body, /### ✅ otel-audit: no new per-call finding at or above high/);
    assert.match(body, /#### Fixed per-call findings \(6\)/);
  });

  it('a comment that cannot be written (a fork\'s read-only token) is a warning, the result stands', async () => {
    const forbidden: Route = (c) => (c.method === 'POST' ? { status: 403, body: { message: 'Resource not accessible by integration' } } : undefined);
    const r = await run([LOCKFILE, comments([]), forbidden]);
    assert.equal(r.code, 1);
    assert.equal(r.outputs['comment-url'], '');
    assert.ok(r.log.some((l) => l.startsWith('::warning::') && l.includes('403 Resource not accessible')));
  });

  it('fail-on none: findings do not fail the check', async () => {
    const r = await run([LOCKFILE, comments([]), created], { 'fail-on': 'none' });
    assert.equal(r.code, 0);
  });
});

describe('GitHub Action: nothing to do', () => {
  it('skips a pull request that changes no lockfile (no comment, no SARIF)', async () => {
    const r = await run([prFiles(['README.md', 'src/app.ts'])]);
    assert.equal(r.code, 0);
    assert.deepEqual(r.outputs, { result: 'skipped', sarif: '', 'comment-url': '', diff: '' });
    assert.ok(r.calls.every((c) => c.method === 'GET'));
  });
  it('a lockfile in a workspace package counts', async () => {
    const r = await run([prFiles(['packages/api/package-lock.json']), comments([]), created]);
    assert.equal(r.outputs.result, 'fail');
  });
  it('skips events that are not pull requests', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-push-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'push.json'), JSON.stringify({ ref: 'refs/heads/main', after: 'abc', repository: { full_name: 'acme/checkout-service' } }));
    const r = await run([], {}, { event: path.join(dir, 'push.json') });
    assert.equal(r.code, 0);
    assert.equal(r.outputs.result, 'skipped');
    assert.equal(r.calls.length, 0);
  });
});

/** An exec that writes the fixture reports as the scans' output and exits with `scanCode`. */
function scanningExec(scanCode: number, seen: string[][] = []): Exec {
  return async (command, args, options) => {
    if (command === 'git' && args[0] === 'worktree' && args[1] === 'add') mkdirSync(path.join(args[3]!, 'node_modules/@opentelemetry'), { recursive: true });
    if (!args.includes('scan')) return { code: 0, stdout: '', stderr: '' };
    seen.push([...args]);
    writeFileSync(args[args.indexOf('--output') + 1]!, readFileSync(path.join(FIXTURES, options.cwd.includes('otel-audit-base-') ? 'base.json' : 'head.json')));
    return { code: scanCode, stdout: '', stderr: '' };
  };
}

describe('GitHub Action: scanning base and head itself', () => {
  const scanWorkspace = (): string => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-ws-'));
    dirs.push(workspace);
    mkdirSync(path.join(workspace, 'node_modules/@opentelemetry'), { recursive: true });
    return workspace;
  };

  it('a side whose own policy file fails its scan (exit 1, report written) is still a report, not a failed action', async () => {
    // regression: with `"failOn": "high"` in the repository's otel-audit.config.json the head scan
    // exited 1 and the action stopped with "scan … failed (exit 1): " (exit 2), no comment
    const seen: string[][] = [];
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '' }, { exec: scanningExec(1, seen), workspace: scanWorkspace() });
    assert.equal(r.code, 1, r.log.join('\n'));
    assert.equal(r.outputs.result, 'fail', 'judged on the diff');
    assert.equal(seen.length, 2);
    assert.ok(seen.every((args) => args.join(' ').includes('--fail-on none')), 'each side is scanned for its report, not judged');
  });

  it('a scan that exits 2 stops the action with its reason', async () => {
    await assert.rejects(
      run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '' }, { exec: scanningExec(2), workspace: scanWorkspace() }),
      /scan in .* failed \(exit 2\)$/,
    );
  });

  it('installs and scans the head checkout, then the base commit in a git worktree, and removes it', async () => {
    const commands: string[] = [];
    const exec: Exec = async (command, args, options) => {
      const isScan = args.includes('scan');
      commands.push(`${isScan ? 'otel-audit' : command} ${(isScan ? args.slice(1, 3) : args).join(' ')} @${options.cwd.includes('otel-audit-base-') ? 'base' : 'head'}`);
      if (command === 'git' && args[0] === 'worktree' && args[1] === 'add') {
        // the worktree has the scanned path, like a real checkout with its dependencies installed
        const dir = args[3]!;
        mkdirSync(path.join(dir, 'node_modules/@opentelemetry'), { recursive: true });
      }
      if (isScan) {
        const out = args[args.indexOf('--output') + 1]!;
        writeFileSync(out, readFileSync(path.join(FIXTURES, options.cwd.includes('otel-audit-base-') ? 'base.json' : 'head.json')));
      }
      return { code: 0, stdout: '', stderr: '' };
    };
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-ws-'));
    dirs.push(workspace);
    mkdirSync(path.join(workspace, 'node_modules/@opentelemetry'), { recursive: true });
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '' }, { exec, workspace });
    assert.equal(r.code, 1);
    assert.deepEqual(commands, [
      'bash -c npm ci --ignore-scripts --no-audit --no-fund @head',
      'otel-audit scan node_modules/@opentelemetry @head',
      'git fetch --no-tags --depth=1 origin 0000000000000000000000000000000000000000 @head',
      `git worktree add --detach ${commands[3]!.split(' ')[4]} 0000000000000000000000000000000000000000 @head`,
      'bash -c npm ci --ignore-scripts --no-audit --no-fund @base',
      'otel-audit scan node_modules/@opentelemetry @base',
      `git worktree remove --force ${commands[3]!.split(' ')[4]} @head`,
    ]);
  });

  it('base and head share one result cache folder, and the comment says how much each side took from it', async () => {
    const seen: string[][] = [];
    const exec: Exec = async (command, args, options) => {
      const r = await scanningExec(0, seen)(command, args, options);
      const stats = args.indexOf('--cache-stats');
      if (stats >= 0) {
        // what a second side finds in the cache the first one filled: all but the bumped package
        const base = options.cwd.includes('otel-audit-base-');
        const scan = { dir: 'x', hits: base ? 81 : 0, misses: base ? 1 : 82, corrupt: 0, evicted: 0 };
        const bench = { ...scan, hits: base ? 30 : 0, misses: base ? 2 : 32, listHits: 0, listMisses: 0 };
        writeFileSync(args[stats + 1]!, JSON.stringify({ scan, bench }));
      }
      return r;
    };
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '', 'cache-dir': 'cache', bench: 'true' }, { exec, workspace: scanWorkspace() });
    assert.equal(seen.length, 2);
    for (const args of seen) {
      assert.equal(args[args.indexOf('--cache-dir') + 1], path.join(r.workspace, 'cache'), 'one folder for both sides');
      assert.ok(args.includes('--bench'));
    }
    const body = ((r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body);
    assert.match(body, /base: 81 of 82 packages and 30 of 32 bench cases · head: 0 of 82 packages and 0 of 32 bench cases/);
  });

  it('without a cache folder each side is scanned with --no-cache and the comment has no cache line', async () => {
    const seen: string[][] = [];
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '' }, { exec: scanningExec(0, seen), workspace: scanWorkspace() });
    assert.ok(seen.every((args) => args.includes('--no-cache') && !args.includes('--bench')));
    assert.doesNotMatch((r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body, /result cache/);
  });
});
