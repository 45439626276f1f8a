// Preloaded by `npm run test:unit` (node --import): a unit test runs in-process, so every way of
// starting a process throws in it, naming the convention. This keeps the split from rotting: a test
// that starts processes (the CLI, bench children, npm, a browser) fails at once under test:unit until
// it is named `*.int.test.ts`, and only `npm test` (which CI runs) runs those. Worker threads are
// in-process and allowed.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

// the test runner starts each test file in a process of its own: only those (NODE_TEST_CONTEXT set) are guarded
if (process.env.NODE_TEST_CONTEXT !== undefined) {
  for (const name of STARTERS) {
    Object.defineProperty(childProcess, name, {
      configurable: true,
      writable: true,
      value: () => {
        throw new Error(`child_process.${name} in a unit test: npm run test:unit runs in-process tests only; name a test that starts processes *.int.test.ts`);
      },
    });
  }
  // ESM `import { spawn } from 'node:child_process'` bindings follow the patched exports
  syncBuiltinESMExports();
}
