// `otel-audit load` as a user runs it, on short runs (structure, never timings): the per-request-lookup
// demo, a user's app with its own preload, bad input (an app that crashes or never listens: exit 2
// with its output), a failing URL (exit 1), loopback only, and no process left behind when the run is
// interrupted or killed.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMOS_DIR } from '../../src/load/demos.js';
import type { Report } from '../../src/model/report.js';
import { CLI, makeTree, removeTree, runCli } from '../cli/run-cli.js';

const SHORT = ['--duration', '1', '--rounds', '2', '--warmup', '0.2', '--count-requests', '40'];
const trees: string[] = [];
after(async () => Promise.all(trees.map(removeTree)));

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await makeTree(files);
  trees.push(dir);
  return dir;
}

const json = (stdout: string): Report => JSON.parse(stdout) as Report;

/** 1-based line of the first line of `file` that contains `text` */
function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${file}`);
  return i + 1;
}

/** pids of the processes whose command line mentions `marker` (Linux /proc), this test runner excepted */
function pidsWith(marker: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const APP = `'use strict';
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ok: true, path: req.url }));
});
server.listen(Number(process.env.PORT), process.env.HOST);
`;

/** the user's own instrumentation: it reads its configuration on every request */
const PRELOAD = `'use strict';
const fs = require('node:fs');
const http = require('node:http');
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'request') args[1].setHeader('x-config-bytes', String(fs.readFileSync(__filename, 'utf8').length));
  return emit.call(this, event, ...args);
};
`;

describe('otel-audit load', () => {
  it('per-request-lookup demo: the read and the parse at their line, the slow package charged, the finding confirmed', async () => {
    const r = await runCli(['load', '--demo', 'per-request-lookup', ...SHORT, '--format', 'json', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const report = json(r.stdout);
    const load = report.load!;
    assert.deepEqual(
      load.variants.map((v) => v.id),
      ['without', 'with', 'against'],
    );
    const slowFile = path.join(DEMOS_DIR, 'per-request-lookup/version-lookup-per-request/index.js');
    const slowName = (JSON.parse(readFileSync(path.join(path.dirname(slowFile), 'package.json'), 'utf8')) as { name: string }).name;
    const line = lineOf(slowFile, 'readFileSync(this._manifest');
    const rel = path.relative(process.cwd(), slowFile).split(path.sep).join('/');
    const [, memo, slow] = load.variants;

    const at = (v: typeof slow, op: string) => v!.ops!.sites.find((s) => s.op === op && s.file === rel && s.line === line);
    assert.equal(at(slow, 'fs.readFileSync')?.perRequest, 1, 'one read per request at the line');
    assert.equal(at(slow, 'JSON.parse')?.perRequest, 1, 'one parse per request at the line');
    assert.equal(
      memo!.ops!.sites.some((s) => s.op === 'fs.readFileSync' && s.file.includes('version-lookup')),
      false,
      'the memoised twin reads no more after its first call',
    );

    const slowVsMemo = load.comparisons.find((c) => c.variant === 'against' && c.reference === 'with')!;
    assert.deepEqual(
      slowVsMemo.ops
        .filter((o) => o.file === rel)
        .map((o) => `${o.op}:${o.line}`)
        .sort(),
      [`JSON.parse:${line}`, `fs.readFileSync:${line}`],
    );
    assert.ok((slowVsMemo.packages.find((p) => p.package === slowName)?.deltaUsPerRequest ?? 0) > 0, 'the slow package costs more than in its twin');
    for (const c of load.comparisons) assert.ok(c.requestsPerSecondPct.min <= c.requestsPerSecondPct.median && c.requestsPerSecondPct.median <= c.requestsPerSecondPct.max);
    assert.equal(slow!.spansPerRequest, 1);

    const confirmed = report.findings.filter((f) => f.confirmed === true && f.file.endsWith('index.js') && f.line === line).map((f) => `${f.ruleId}:${f.perRequestUnderLoad}`);
    assert.ok(confirmed.includes('sync-fs:1'), `sync-fs confirmed under load (${confirmed.join(', ')})`);
    // loopback only: every request to 127.0.0.1, every app bound there
    assert.equal(load.app.host, '127.0.0.1');
    for (const v of load.variants) assert.equal(v.listening.address, '127.0.0.1');
  });

  it("runs a user's app with its own preload: the preload's per-request read at its line, in the with variant only", async () => {
    const dir = await tree({ 'app.js': APP, 'preload.js': PRELOAD });
    const r = await runCli(['load', 'app.js', '--url', '/', '--instrument', './preload.js', ...SHORT, '--no-scan', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const load = json(r.stdout).load!;
    assert.deepEqual(
      load.variants.map((v) => [v.id, v.instrumentation.kind]),
      [
        ['without', 'none'],
        ['with', 'preload'],
      ],
    );
    assert.equal(load.app.path, '/');
    const line = lineOf(path.join(dir, 'preload.js'), 'readFileSync');
    const reads = (i: number) => load.variants[i]!.ops!.sites.filter((s) => s.op === 'fs.readFileSync').map((s) => `${s.file}:${s.line}:${s.perRequest}`);
    assert.deepEqual(reads(1), [`preload.js:${line}:1`]);
    assert.deepEqual(reads(0), []);
    assert.ok(load.variants[1]!.attribution!.packages.some((p) => p.package === '(preload)'));
    for (const v of load.variants) assert.equal(v.listening.address, '127.0.0.1');
  });

  it('an app that crashes on start: exit 2 with the end of its output', async () => {
    const dir = await tree({ 'app.js': "console.error('config: reading');\nthrow new Error('marker-7f3a: DATABASE_URL is not set');\n", 'noop.js': '' });
    const r = await runCli(['load', 'app.js', '--instrument', './noop.js', ...SHORT], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /marker-7f3a/);
    assert.equal(r.stdout, '');
  });

  it('an app that never listens on its port: exit 2', async () => {
    const dir = await tree({ 'app.js': "require('node:http').createServer((q, s) => s.end()).listen(0, '127.0.0.1');\n", 'noop.js': '' });
    const r = await runCli(['load', 'app.js', '--instrument', './noop.js', '--start-timeout', '1', ...SHORT], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(pidsWith(dir).length, 0, 'the app was stopped');
  });

  it('a URL that fails more than 1 % of requests fails the run: exit 1, the error rate in the report', async () => {
    const dir = await tree({ 'app.js': APP.replace("res.setHeader('content-type', 'application/json');", 'res.statusCode = 500;'), 'noop.js': '' });
    const r = await runCli(['load', 'app.js', '--instrument', './noop.js', ...SHORT, '--no-scan', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const load = json(r.stdout).load!;
    assert.deepEqual(
      load.failures.map((f) => `${f.kind}:${f.variant}`),
      ['error-rate:without', 'error-rate:with'],
    );
    assert.ok(load.variants.every((v) => v.errorRatePct === 100));
  });

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`leaves no process behind when the run gets ${signal} midway`, async () => {
      const dir = await tree({ 'app.js': APP, 'noop.js': '' });
      const child = spawn(process.execPath, [CLI, 'load', path.join(dir, 'app.js'), '--instrument', path.join(dir, 'noop.js'), '--duration', '60', '--no-scan'], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      assert.ok(await until(() => pidsWith(path.join(dir, 'app.js')).filter((p) => p !== child.pid).length >= 2, 30_000), 'both app processes started');
      child.kill(signal);
      const code = await exited;
      if (signal === 'SIGINT') assert.equal(code, 130);
      assert.ok(
        await until(() => pidsWith(dir).length === 0, 10_000),
        `left: ${pidsWith(dir)
          .map((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' '))
          .join('; ')}`,
      );
    });
  }
});
