// Lint: typescript-eslint's type-checked recommended rules over the sources, the rules and the tests.
// Formatting is prettier's job (.prettierrc.json): no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'test/corpus/**', 'reports/**', 'schema/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises the runner itself awaits
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      // `_`-prefixed names are deliberately unused (destructuring to drop a key, callback arity)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // the bench and load probes patch methods: holding an unbound original to call later with
      // .apply(this, args) is what a wrapper does
      '@typescript-eslint/unbound-method': 'off',
      // an async function without await turns a synchronous throw into a rejection, which is what an
      // interface returning a Promise (scenario prepare, test stubs of fetch and exec) promises
      '@typescript-eslint/require-await': 'off',
      // renderers show and tests look for terminal escape sequences: control characters in a regex are the point
      'no-control-regex': 'off',
    },
  },
);
