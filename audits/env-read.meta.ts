import { defineAuditMeta } from '../src/analysis/audit-meta.js';

export const envReadMeta = defineAuditMeta({
  id: 'env-read',
  title: 'process.env read',
  defaultSeverity: 'low',
  rationale:
    'Each process.env property read is a getenv() call through a native interceptor that allocates a new string; enumerating process.env copies the whole environment. The values do not change while the service runs.',
  fix: 'Read the variables once (module top level, constructor, init()) and keep them in a config object; never copy process.env per call.',
  estimatedCostNs: 180,
  counters: {
    count: [{ kind: 'process.env' }],
    confirm: {
      // a hand-off of process.env may read or copy it: either confirms the other
      'process.env': ['process.env', 'process.env copy'],
      'process.env copy': ['process.env', 'process.env copy'],
    },
  },
  calibration: {
    operation: { id: 'env-read', label: 'process.env.X read', prepare: () => () => process.env.NODE_ENV },
    also: [{ id: 'env-copy', label: 'Object.entries(process.env)', prepare: () => () => Object.entries(process.env) }],
  },
});
