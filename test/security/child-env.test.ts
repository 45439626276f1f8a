// The environment of a sandboxed child: an allow-list (child-env.ts).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sandboxEnv } from '../../src/sandbox/child-env.js';
import { readPathsFor } from '../../src/sandbox/read-paths.js';

describe('sandbox environment and reads', () => {
  it('passes PATH, NODE_ENV and OTEL_AUDIT_*, never a token; HOME and TMPDIR are the child’s temp folder', () => {
    const env = sandboxEnv(
      {
        PATH: '/bin',
        NODE_ENV: 'production',
        OTEL_AUDIT_DEBUG: '1',
        NPM_TOKEN: 'x',
        GITHUB_TOKEN: 'y',
        INPUT_TOKEN: 'z',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=secret',
        HOME: '/home/me',
        AWS_SECRET_ACCESS_KEY: 's',
      },
      '/tmp/case',
    );
    assert.deepEqual(Object.keys(env).sort(), ['HOME', 'NODE_ENV', 'OTEL_AUDIT_DEBUG', 'PATH', 'TEMP', 'TMP', 'TMPDIR']);
    assert.equal(env.HOME, '/tmp/case');
    assert.equal(env.TMPDIR, '/tmp/case');
  });

  it('reads: the package, the node_modules above it and the tool, never a filesystem root', () => {
    const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'otel-audit-reads-')));
    try {
      const pkg = path.join(root, 'project', 'node_modules', 'pkg');
      mkdirSync(pkg, { recursive: true });
      const paths = readPathsFor([pkg], path.join(root, 'tool'));
      assert.ok(paths.includes(pkg));
      assert.ok(paths.includes(path.join(root, 'project', 'node_modules')));
      assert.ok(paths.includes(path.join(root, 'tool', 'dist')));
      assert.ok(!paths.includes('/'));
      // the project itself (its .npmrc, its sources) is not the package's to read
      assert.ok(!paths.some((p) => p === root || p === path.join(root, 'project')));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
