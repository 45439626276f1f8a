import os from 'node:os';
import { defineAuditMeta } from '../src/analysis/audit-meta.js';

export const osQueryMeta = defineAuditMeta({
  id: 'os-query',
  title: 'Operating-system query',
  defaultSeverity: 'low',
  rationale:
    'os.hostname(), os.cpus(), os.networkInterfaces(), os.userInfo(), the memory/load queries and process.memoryUsage()/cpuUsage()/availableMemory() make system calls or read /proc and allocate new objects on each call (os.cpus() and os.networkInterfaces() tens of microseconds); host facts do not change per request.',
  fix: 'Query once at start-up (resource detection exists for this) and reuse the value; sample memory and CPU figures on a timer (a metrics observable) rather than per span; for process.cwd(), read it once unless the code calls process.chdir().',
  estimatedCostNs: 2_000,
  counters: {
    // every os function, not only the ones flagged: a bench report shows what a hook asked the OS for
    count: [
      { kind: 'exports', module: 'os' },
      { kind: 'global-function', global: 'process', name: 'cwd' },
      // process queries of the same kind: memoryUsage reads /proc and walks the heap spaces, the others are syscalls
      { kind: 'global-function', global: 'process', name: 'memoryUsage' },
      { kind: 'global-function', global: 'process', name: 'availableMemory' },
      { kind: 'global-function', global: 'process', name: 'cpuUsage' },
      { kind: 'global-function', global: 'process', name: 'resourceUsage' },
    ],
    confirm: { 'os.*': ['os.*'], 'process.*': ['process.*'] },
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
