import { execSync } from 'node:child_process';
import { defineAuditMeta } from '../src/analysis/audit-meta.js';

export const childProcessMeta = defineAuditMeta({
  id: 'child-process',
  title: 'Child process spawn',
  defaultSeverity: 'high',
  rationale:
    'Spawning a process costs about a millisecond of fork/exec before the child runs; the Sync variants block the event loop until the child exits. Per request this dominates everything else.',
  fix: 'Run the command once at start-up and cache its output, or read the information from a Node API or file instead of a subprocess.',
  estimatedCostNs: 1_000_000,
  counters: {
    count: [{ kind: 'exports', module: 'child_process', names: ['execSync', 'execFileSync', 'spawnSync', 'exec', 'execFile', 'spawn', 'fork'] }],
    confirm: { 'child_process.*': ['child_process.*'] },
  },
  calibration: {
    operation: {
      id: 'exec-sync',
      label: "child_process.execSync('true')",
      slow: true,
      prepare: () => {
        const command = process.platform === 'win32' ? 'exit 0' : 'true';
        return () => execSync(command, { stdio: 'ignore' });
      },
    },
  },
});
