// The registry's metadata is read where the compiler must not load: the CLI's --rules check, the
// bench child's op counters, calibrate, the policy schema. A child process imports them and says which
// modules of the compiler it loaded (none), then loads the detectors (the compiler comes with them).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const dist = new URL('../../', import.meta.url);

/** Modules of the compiler a child process has loaded after running `code` (an ES module body). */
function compilerModulesAfter(code: string): string[] {
  const probe = `import { createRequire } from 'node:module';\n${code}\nconst cache = Object.keys(createRequire(import.meta.url).cache);\nprocess.stdout.write(JSON.stringify(cache.filter((f) => /[\\\\/](typescript|ts-morph)[\\\\/]|ts\\.cjs$/.test(f))));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })) as string[];
}

describe('audit registry metadata', () => {
  it('reads the metadata without loading the compiler (the CLI --rules check, the bench child, calibrate)', () => {
    const light = ['audits/index.js', 'src/bench/counters/op-counters.js', 'src/calibrate/calibrate.js', 'src/policy/config-schema.js'];
    const imports = light.map((f) => `await import(${JSON.stringify(new URL(f, dist).href)});`).join('\n');
    assert.deepEqual(compilerModulesAfter(imports), []);
    // the probe sees the compiler when it is there: loading the detectors brings it in
    const heavy = `const { loadAudits } = await import(${JSON.stringify(new URL('audits/index.js', dist).href)});\nawait loadAudits();`;
    assert.notDeepEqual(compilerModulesAfter(heavy), []);
  });
});
