import { readFileSync } from 'node:fs';
import { defineAuditMeta } from '../src/analysis/audit-meta.js';

// The bench child counts builtins and globals, which it can wrap before the hook runs; a third-party
// parser is loaded by the instrumentation's target itself, so its functions are not counted.
const THIRD_PARTY = { none: "a third-party module's functions are not counted: the bench child wraps builtins and globals only" };

interface Semver {
  satisfies(version: string, range: string): boolean;
}

export const metadataParseMeta = defineAuditMeta({
  id: 'metadata-parse',
  title: 'Metadata or range parsing',
  defaultSeverity: 'medium',
  rationale: 'Parsing a JSON/YAML/INI/TOML file or a semver range allocates and builds the same objects from the same text on every call; the input does not change while the process runs.',
  fix: 'Parse once (module top level, constructor, init()) and keep the object; for semver, build the Range once and call range.test(version), or check the version once in patch().',
  estimatedCostNs: 5_000,
  counters: {
    count: [{ kind: 'global-function', global: 'JSON', name: 'parse' }],
    confirm: {
      'JSON.parse': ['JSON.parse'],
      'semver.*': THIRD_PARTY,
      'new semver.Range': THIRD_PARTY,
      'js-yaml.*': THIRD_PARTY,
      'yaml.*': THIRD_PARTY,
      'ini.*': THIRD_PARTY,
      '@iarna/toml.*': THIRD_PARTY,
      'toml.*': THIRD_PARTY,
      'smol-toml.*': THIRD_PARTY,
    },
  },
  calibration: {
    // a file's text parsed again
    operation: {
      id: 'json-parse',
      label: 'JSON.parse(<package.json text>)',
      prepare(fx) {
        const text = readFileSync(fx.manifest, 'utf8');
        return (): unknown => JSON.parse(text);
      },
    },
    also: [
      {
        id: 'semver-range',
        label: "semver.satisfies(v, '<range>')",
        // from the user's install when there is one: the figure is for the semver they run
        prepare(fx) {
          const semver = fx.load('semver');
          if (typeof semver === 'string') return semver;
          return () => (semver as Semver).satisfies('1.8.3', '>=1.2.0 <2.0.0 || ^3.0.0');
        },
      },
    ],
  },
});
