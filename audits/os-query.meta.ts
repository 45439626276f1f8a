import os from 'node:os';
import { defineAuditMeta } from '../src/analysis/audit-meta.js';

export const osQueryMeta = defineAuditMeta({
  id: 'os-query',
  title: 'Operating-system query',
  defaultSeverity: 'low',
  rationale:
    'os.hostname(), os.cpus(), os.networkInterfaces(), os.userInfo() and the memory/load queries make system calls or read /proc and allocate new objects on each call (os.cpus() and os.networkInterfaces() tens of microseconds); host facts do not change per request.',
  fix: 'Query once at start-up (resource detection exists for this) and reuse the value; for process.cwd(), read it once unless the code calls process.chdir().',
  estimatedCostNs: 2_000,
  counters: {
    // every os function, not only the ones flagged: a bench report shows what a hook asked the OS for
    count: [
      { kind: 'exports', module: 'os' },
      { kind: 'global-function', global: 'process', name: 'cwd' },
    ],
    confirm: { 'os.*': ['os.*'], 'process.cwd': ['process.cwd'] },
  },
  calibration: {
    // the usual per-call form (host attributes); the dearest and the cheapest beside it
    operation: { id: 'os-hostname', label: 'os.hostname()', prepare: () => () => os.hostname() },
    also: [
      { id: 'os-cpus', label: 'os.cpus()', prepare: () => () => os.cpus() },
      { id: 'process-cwd', label: 'process.cwd()', prepare: () => () => process.cwd() },
    ],
  },
});
