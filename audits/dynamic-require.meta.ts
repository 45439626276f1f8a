import { defineAuditMeta } from '../src/analysis/audit-meta.js';

export const dynamicRequireMeta = defineAuditMeta({
  id: 'dynamic-require',
  title: 'require() or import() inside a function',
  defaultSeverity: 'medium',
  rationale:
    'A require()/import() inside a function re-resolves the specifier and looks up the module cache on every call; if the module is missing, Node walks every node_modules directory and throws each time, because only successful loads are cached.',
  fix: 'Require at module top level, or memoise the module in a variable on first use (and remember a failed load too).',
  estimatedCostNs: 300,
  counters: {
    count: [{ kind: 'require' }],
    confirm: {
      require: ['require'],
      'import()': { none: 'import() goes through no function the process can wrap (it would take a module loader hook)' },
    },
  },
  calibration: {
    operation: {
      id: 'require-dynamic-hit',
      label: 'require(<variable>) (module cache hit)',
      prepare(fx) {
        const name = ['otel-audit-calibrate', 'present'].join('-');
        return (): unknown => fx.require(name);
      },
    },
  },
});
