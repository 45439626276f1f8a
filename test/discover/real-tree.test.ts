// The embedded default scan target: every installed @opentelemetry package is found and resolves to
// existing entry files. Counts come from the folder itself, so a dependency bump needs no edit here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryFiles } from '../../src/discover/entry-files.js';
import { findPackages } from '../../src/discover/find-packages.js';

// dist/test/discover/ → project root
const scope = fileURLToPath(new URL('../../../node_modules/@opentelemetry', import.meta.url));

describe('the installed @opentelemetry scope', { skip: !fs.existsSync(scope) && 'node_modules not installed' }, () => {
  const result = findPackages(scope);
  const real = fs.realpathSync(scope);

  it('finds every folder with a package.json, and nothing fails', () => {
    assert.deepEqual(result.errors, []);
    const listed = fs
      .readdirSync(real)
      .filter((n) => fs.existsSync(path.join(real, n, 'package.json')))
      .sort();
    const topLevel = result.packages
      .filter((p) => path.dirname(p.dir) === real)
      .map((p) => path.basename(p.dir))
      .sort();
    assert.deepEqual(topLevel, listed);
    // The rest are the nested node_modules copies that dependants load instead of the hoisted version.
    for (const p of result.packages.filter((p) => path.dirname(p.dir) !== real)) {
      assert.match(path.relative(real, p.dir), /^[^/]+\/node_modules\//);
    }
  });

  it('resolves existing entry points for every package', () => {
    const bad: string[] = [];
    for (const p of result.packages) {
      const e = entryFiles(p);
      const ok = e.mode === 'entry-points' && e.errors.length === 0 && e.files.length > 0 && e.files.every((f) => fs.existsSync(f));
      if (!ok) bad.push(`${p.name}@${p.version}: ${e.mode} ${JSON.stringify(e.errors)}`);
    }
    assert.deepEqual(bad, []);
  });
});
