// The GitHub Action's script on a recorded pull_request event and fixture reports, with fetch and
// commands stubbed: no network, no git, no npm.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditOptions, AuditResult } from '../../src/api/audit.js';
import { runAction, type ActionDeps } from '../../src/action/run-action.js';
import type { Exec } from '../../src/action/scan-sides.js';
import { COMMENT_MARKER } from '../../src/action/upsert-comment.js';
import { countsAsPerCall, type Report } from '../../src/model/report.js';
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

async function run(routes: Route[], inputs: Record<string, string> = {}, extra: Omit<Partial<ActionDeps>, 'env'> & { event?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
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
  Object.assign(env, extra.env ?? {});
  const code = await runAction({
    fetch,
    exec: async () => ({ code: 1, stdout: '', stderr: 'no commands in this test' }),
    audit: async () => {
      throw new Error('no scan in this test');
    },
    log: (l) => log.push(l),
    renderSarif: async (r: Report) => `${JSON.stringify({ version: '2.1.0', runs: [{ results: r.findings.filter(countsAsPerCall).length }] })}\n`,
    ...extra,
    workspace,
    env,
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
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
    assert.deepEqual(
      JSON.parse(readFileSync(r.outputs.sarif, 'utf8')),
      { version: '2.1.0', runs: [{ results: 5 }] },
      'per-call findings as the report counts them: the error-path-only one of the fixture is left out',
    );
    assert.equal((JSON.parse(readFileSync(r.outputs.diff!, 'utf8')) as { summary: { newPerCall: number } }).summary.newPerCall, 5);
    assert.equal(r.summary.trim(), body.trim(), 'the job summary shows the same Markdown');
  });

  it('updates the previous comment found by its marker, on any page, instead of adding one; never one written by someone else', async () => {
    // comment 5 carries the marker but was written by a user: it must not be edited
    const many = Array.from({ length: 130 }, (_, i) => ({ id: i + 1, body: i === 117 || i === 4 ? `${COMMENT_MARKER}\nold` : `comment ${i}`, ...(i === 4 ? { login: 'mallory' } : {}) }));
    const r = await run([LOCKFILE, comments(many), created, updated]);
    assert.equal(r.code, 1);
    const writes = r.calls.filter((c) => c.method !== 'GET');
    assert.deepEqual(
      writes.map((c) => `${c.method} ${c.path}`),
      ['PATCH /repos/acme/checkout-service/issues/comments/118'],
    );
    assert.ok(
      r.calls.some((c) => c.path.includes('page=2')),
      'read the second page',
    );
  });

  it('a marker comment written only by someone else is left alone: a new comment is created', async () => {
    const r = await run([LOCKFILE, comments([{ id: 7, body: `${COMMENT_MARKER}\nfake verdict`, login: 'mallory' }]), created, updated]);
    assert.deepEqual(
      r.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`),
      ['POST /repos/acme/checkout-service/issues/42/comments'],
    );
  });

  it("the identity is the token's user when GET /user answers, or the comment-author input", async () => {
    const me: Route = (c) => (c.method === 'GET' && c.path === '/user' ? { status: 200, body: { login: 'ci-user' } } : undefined);
    const existing = [
      { id: 3, body: `${COMMENT_MARKER}\nold`, login: 'ci-user' },
      { id: 4, body: `${COMMENT_MARKER}\nold`, login: 'my-app[bot]' },
    ];
    const byUser = await run([LOCKFILE, me, comments(existing), created, updated]);
    assert.deepEqual(
      byUser.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`),
      ['PATCH /repos/acme/checkout-service/issues/comments/3'],
    );
    const byApp = await run([LOCKFILE, comments(existing), created, updated], { 'comment-author': 'my-app[bot]' });
    assert.deepEqual(
      byApp.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`),
      ['PATCH /repos/acme/checkout-service/issues/comments/4'],
    );
  });

  it('pull_request_target is refused unless the workflow opts in', async () => {
    await assert.rejects(run([LOCKFILE, comments([]), created], {}, { env: { GITHUB_EVENT_NAME: 'pull_request_target' } }), /refusing a pull_request_target event/);
    const r = await run([LOCKFILE, comments([]), created], { 'allow-pull-request-target': 'true' }, { env: { GITHUB_EVENT_NAME: 'pull_request_target' } });
    assert.equal(r.outputs.result, 'fail');
  });

  it('passes when the change only fixes findings (base and head swapped)', async () => {
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': path.join(FIXTURES, 'head.json'), 'head-report': path.join(FIXTURES, 'base.json') });
    assert.equal(r.code, 0);
    assert.equal(r.outputs.result, 'pass');
    const body = (r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body;
    assert.match(body, /### ✅ otel-audit: no new per-call finding at or above high/);
    assert.match(body, /#### Fixed per-call findings \(5\)/);
  });

  it("a comment that cannot be written (a fork's read-only token) is a warning, the result stands", async () => {
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

/** A fixture report as the audit of a side: base.json for the base worktree, head.json for the workspace. */
const sideReport = (cwd: string): Report => JSON.parse(readFileSync(path.join(FIXTURES, cwd.includes('otel-audit-base-') ? 'base.json' : 'head.json'), 'utf8')) as Report;

describe('GitHub Action: auditing base and head itself', () => {
  /** A checkout with the scanned path (as installed) and, when given, a policy file. */
  const checkout = (dir: string, policy?: object): string => {
    mkdirSync(path.join(dir, 'node_modules/@opentelemetry'), { recursive: true });
    if (policy) writeFileSync(path.join(dir, 'otel-audit.config.json'), JSON.stringify(policy));
    return dir;
  };
  const workspaceWith = (policy?: object): string => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-ws-'));
    dirs.push(workspace);
    return checkout(workspace, policy);
  };

  it("the base branch's policy judges both sides: a pull request that ignores @opentelemetry/* still fails, and the comment says the policy changed", async () => {
    const seen: Array<{ cwd: string; policy: unknown; failOn: unknown }> = [];
    const exec: Exec = async (command, args) => {
      if (command === 'git' && args[0] === 'worktree' && args[1] === 'add') checkout(args[3]!, { failOn: 'high' });
      return { code: 0, stdout: '', stderr: '' };
    };
    const audit: ActionDeps['audit'] = async (_paths, options) => {
      seen.push({ cwd: options.cwd!, policy: JSON.parse(JSON.stringify(options.policy)) as unknown, failOn: options.failOn });
      return { report: sideReport(options.cwd!), exitCode: 0, pathErrors: [] };
    };
    const workspace = workspaceWith({ ignore: ['@opentelemetry/*'] });
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '' }, { exec, audit, workspace });
    assert.equal(r.code, 1, r.log.join('\n'));
    assert.deepEqual(
      seen.map((s) => [s.cwd.includes('otel-audit-base-') ? 'base' : 'head', s.policy, s.failOn]),
      [
        ['base', { config: { failOn: 'high' }, source: 'otel-audit.config.json' }, 'none'],
        ['head', { config: { failOn: 'high' }, source: 'otel-audit.config.json' }, 'none'],
      ],
    );
    const body = (r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body;
    assert.match(body, /changes the otel-audit policy \(otel-audit\.config\.json\)/);
  });

  it('no note when the pull request leaves the policy alone', async () => {
    const exec: Exec = async (command, args) => {
      if (command === 'git' && args[0] === 'worktree' && args[1] === 'add') checkout(args[3]!, { failOn: 'high' });
      return { code: 0, stdout: '', stderr: '' };
    };
    const audit: ActionDeps['audit'] = async (_paths, options) => ({ report: sideReport(options.cwd!), exitCode: 0, pathErrors: [] });
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '' }, { exec, audit, workspace: workspaceWith({ failOn: 'high' }) });
    const body = (r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body;
    assert.doesNotMatch(body, /otel-audit policy/);
  });

  it('a side that cannot be audited stops the action with its reason', async () => {
    const exec: Exec = async (command, args) => {
      if (command === 'git' && args[0] === 'worktree' && args[1] === 'add') checkout(args[3]!);
      return { code: 0, stdout: '', stderr: '' };
    };
    const audit: ActionDeps['audit'] = async () => ({ report: null, exitCode: 2, pathErrors: [{ kind: 'missing-path', file: null, message: 'gone' } as never] });
    await assert.rejects(
      run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '' }, { exec, audit, workspace: workspaceWith() }),
      /scan in .* failed: gone$/,
    );
  });

  it('installs the lockfile in a clean folder (no .npmrc of the pull request, no token in the environment), base first, then head', async () => {
    const commands: string[] = [];
    const installs: Array<{ cwd: string; env: NodeJS.ProcessEnv; files: string[] }> = [];
    const manifest = (dir: string): void => {
      writeFileSync(path.join(dir, 'package.json'), '{"name":"app","version":"1.0.0"}');
      writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion":3,"packages":{"":{"name":"app"}}}');
      writeFileSync(path.join(dir, '.npmrc'), 'git=./evil.sh\n');
    };
    const exec: Exec = async (command, args, options) => {
      const where = options.cwd.includes('otel-audit-base-') ? 'base' : options.cwd.includes('otel-audit-install-') ? 'clean' : 'head';
      commands.push(`${command} ${args.slice(0, 2).join(' ')} @${where}`);
      if (command === 'git' && args[0] === 'worktree' && args[1] === 'add') manifest(checkout(args[3]!));
      if (command === 'npm') {
        installs.push({ cwd: options.cwd, env: options.env ?? {}, files: readdirSync(options.cwd).sort() });
        mkdirSync(path.join(options.cwd, 'node_modules/@opentelemetry'), { recursive: true });
      }
      return { code: 0, stdout: '', stderr: '' };
    };
    const audited: string[] = [];
    const audit: ActionDeps['audit'] = async (paths, options) => {
      audited.push(...paths);
      return { report: sideReport(options.cwd!), exitCode: 0, pathErrors: [] };
    };
    const workspace = workspaceWith();
    manifest(workspace);
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '' }, { exec, audit, workspace, env: { GITHUB_TOKEN: 'ghp_secret', NPM_TOKEN: 'npm_secret' } });
    assert.equal(r.code, 1, r.log.join('\n'));
    assert.deepEqual(commands, ['git fetch --no-tags @head', 'git worktree add @head', 'npm ci --prefix @clean', 'git worktree remove @head', 'npm ci --prefix @clean']);
    for (const install of installs) {
      assert.deepEqual(install.files, ['package-lock.json', 'package.json']);
      assert.deepEqual(
        Object.keys(install.env).filter((k) => /TOKEN/i.test(k)),
        [],
      );
    }
    assert.equal(audited.length, 2);
    assert.ok(
      audited.every((p) => p.includes('otel-audit-install-')),
      'the clean install is what is audited',
    );
  });

  /** The base worktree made as git would, and an audit() that records the cache and bench options it is given. */
  const recordingSides = (cacheOf: (side: number) => AuditResult['cache']): { exec: Exec; audit: ActionDeps['audit']; seen: Array<Pick<AuditOptions, 'cache' | 'bench'>> } => {
    const seen: Array<Pick<AuditOptions, 'cache' | 'bench'>> = [];
    const exec: Exec = async (command, args) => {
      if (command === 'git' && args[0] === 'worktree' && args[1] === 'add') checkout(args[3]!);
      return { code: 0, stdout: '', stderr: '' };
    };
    const audit: ActionDeps['audit'] = async (_paths, options) => {
      seen.push({ cache: options.cache, bench: options.bench });
      const cache = cacheOf(seen.length);
      return { report: sideReport(options.cwd!), exitCode: 0, pathErrors: [], ...(cache ? { cache } : {}) };
    };
    return { exec, audit, seen };
  };

  it('base and head share one result cache folder, and the comment says how much each side took from it', async () => {
    // what the second side (the head) finds in the cache the base filled: all but the bumped package
    const { exec, audit, seen } = recordingSides((side) => {
      const head = side === 2;
      const scan = { dir: 'x', hits: head ? 81 : 0, misses: head ? 1 : 82, corrupt: 0, evicted: 0 };
      return { scan, bench: { ...scan, hits: head ? 30 : 0, misses: head ? 2 : 32, listHits: 0, listMisses: 0 } };
    });
    const r = await run(
      [LOCKFILE, comments([]), created],
      { 'base-report': '', 'head-report': '', 'install-command': '', 'cache-dir': 'cache', bench: 'true' },
      { exec, audit, workspace: workspaceWith() },
    );
    assert.equal(seen.length, 2);
    for (const options of seen) {
      assert.deepEqual(options.cache, { dir: path.join(r.workspace, 'cache') }, 'one folder for both sides');
      assert.deepEqual(options.bench, {});
    }
    const body = (r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body;
    assert.match(body, /base: 0 of 82 packages and 0 of 32 bench cases · head: 81 of 82 packages and 30 of 32 bench cases/);
  });

  it('without a cache folder each side is audited with the cache off and the comment has no cache line', async () => {
    const { exec, audit, seen } = recordingSides(() => undefined);
    const r = await run([LOCKFILE, comments([]), created], { 'base-report': '', 'head-report': '', 'install-command': '' }, { exec, audit, workspace: workspaceWith() });
    assert.deepEqual(seen, [
      { cache: false, bench: false },
      { cache: false, bench: false },
    ]);
    assert.doesNotMatch((r.calls.find((c) => c.method === 'POST')!.body as { body: string }).body, /result cache/);
  });
});
