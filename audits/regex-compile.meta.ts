import { defineAuditMeta } from '../src/analysis/audit-meta.js';

// a different pattern on every call of the timed function, as a pattern embedding per-call data is
let counter = 0;

export const regexCompileMeta = defineAuditMeta({
  id: 'regex-compile',
  title: 'RegExp built from a runtime string',
  defaultSeverity: 'low',
  rationale:
    'new RegExp(pattern) parses the pattern and compiles it on first use; V8 only caches recent (source, flags) pairs, so a pattern built from per-call data is recompiled on every call.',
  fix: 'Build the RegExp once (module level or constructor) from configuration, keep it in a Map keyed by pattern if it varies, or use string methods (startsWith, includes) instead.',
  estimatedCostNs: 1_000,
  counters: {
    count: [{ kind: 'constructors', globals: ['RegExp'] }],
    confirm: { 'new RegExp': ['new RegExp'] },
  },
  calibration: {
    // the case the rule exists for: a pattern embedding per-call data is compiled every call
    operation: {
      id: 'regexp-fresh',
      label: 'new RegExp(<runtime string with per-call data>).test(s)',
      prepare: () => () => new RegExp(`^/api/v1/users/${counter++}(/.*)?$`, 'i').test('/api/v1/users/42/orders'),
    },
    also: [
      {
        id: 'regexp-same',
        label: 'new RegExp(<runtime string, same every call>).test(s)',
        prepare() {
          const source = ['^/api/', 'v[0-9]+', '/users/([^/]+)(/.*)?$'].join('');
          return () => new RegExp(source, 'i').test('/api/v1/users/42/orders');
        },
      },
    ],
  },
});
