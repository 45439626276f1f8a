import { existsSync, readFileSync, statSync } from 'node:fs';
import { defineAuditMeta } from '../src/analysis/audit-meta.js';

export const syncFsMeta = defineAuditMeta({
  id: 'sync-fs',
  title: 'Synchronous file-system call',
  defaultSeverity: 'high',
  rationale: 'A synchronous fs call blocks the event loop for a system call on every instrumented request; under load all requests queue behind it.',
  fix: 'Do the read once at start-up (constructor, init(), module top level) or cache its result; use fs.promises off the hot path.',
  estimatedCostNs: 15_000,
  counters: {
    count: [{ kind: 'exports', module: 'fs', suffix: 'Sync' }],
    confirm: { 'fs.*': ['fs.*'] },
  },
  calibration: {
    // a small read, as the built-in figure
    operation: { id: 'fs-read-file-sync', label: 'fs.readFileSync(<small file>)', prepare: (fx) => () => readFileSync(fx.manifest, 'utf8') },
    also: [
      { id: 'fs-stat-sync', label: 'fs.statSync(<file>)', prepare: (fx) => () => statSync(fx.manifest) },
      { id: 'fs-exists-sync', label: 'fs.existsSync(<file>)', prepare: (fx) => () => existsSync(fx.manifest) },
    ],
  },
});
