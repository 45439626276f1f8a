// An exception escaping the library is an internal error: exit 2, one line on stderr, the stack only
// with OTEL_AUDIT_DEBUG=1. A loader hook swaps the scanner for one that throws, so this does not depend
// on finding a real input that breaks the real scanner.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeTree, removeTree, runCli } from './run-cli.js';

const HOOKS = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  // whoever imports the scanner (the CLI, the library's pipeline) gets one that throws
  if (resolved.url.endsWith('/dist/src/scan/scan.js')) {
    return { url: 'data:text/javascript,export async function scan() { throw new Error("boom from a stub scanner"); }', shortCircuit: true };
  }
  return resolved;
}
`;
const REGISTER = `import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
`;

describe('internal errors', () => {
  let tree = '';
  let nodeArgs: string[] = [];
  before(async () => {
    tree = await makeTree({ 'hooks.mjs': HOOKS, 'register.mjs': REGISTER, 'pkg/package.json': '{"name":"p","version":"1.0.0"}' });
    nodeArgs = ['--import', pathToFileURL(path.join(tree, 'register.mjs')).href];
  });
  after(() => removeTree(tree));

  it('exit 2 with the message and no stack', async () => {
    const r = await runCli(['scan', path.join(tree, 'pkg')], { nodeArgs });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /internal error: boom from a stub scanner/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });

  it('OTEL_AUDIT_DEBUG=1 adds the stack', async () => {
    const r = await runCli(['scan', path.join(tree, 'pkg')], { nodeArgs, env: { OTEL_AUDIT_DEBUG: '1' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\s+at /m);
  });
});
