import { defineAuditMeta } from '../src/analysis/audit-meta.js';

// Each builtin error is counted at construction (a thrown error captured its stack then), a formatted
// stack where V8 formats it.

export const stackCaptureMeta = defineAuditMeta({
  id: 'stack-capture',
  title: 'Stack trace capture',
  defaultSeverity: 'medium',
  rationale:
    'Constructing an Error makes V8 walk the stack and collect a trace (Error.stackTraceLimit frames); reading .stack formats it into a string. On a request path that is microseconds per call, more with deep async stacks.',
  fix: 'Do not throw for expected outcomes (return a result or call diag.debug); create errors only on real failures; if a caller location is needed, capture it once at wrap time.',
  estimatedCostNs: 15_000,
  counters: {
    count: [
      { kind: 'global-function', global: 'Error', name: 'captureStackTrace' },
      { kind: 'stack-format' },
      { kind: 'constructors', globals: ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError'] },
    ],
    confirm: {
      'Error.captureStackTrace': ['Error.captureStackTrace'],
      'new Error().stack': ['Error.stack'],
      // a subclass (`throw new SentryError`) is not counted by name; its stack capture or formatting is
      'throw new *': ['new *', 'Error.stack', 'Error.captureStackTrace'],
      'console.trace': {
        none: 'not confirmed yet: console.trace formats its stack through Error.prepareStackTrace, so Error.stack would confirm it; left unmapped so that moving the mapping here changed no result',
      },
    },
  },
  calibration: {
    operation: { id: 'new-error-stack', label: 'new Error().stack', prepare: () => () => new Error('calibrate').stack },
  },
});
