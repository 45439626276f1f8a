import vm from 'node:vm';
import { defineAuditMeta } from '../src/analysis/audit-meta.js';

// a different body on every call of the timed function, as a body built from per-call data is
let counter = 0;
/** The operation being measured: `new Function('a', body)`, typed. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const compile = (body: string): ((a: number) => number) => new Function('a', body) as (a: number) => number;

export const codeCompileMeta = defineAuditMeta({
  id: 'code-compile',
  title: 'JavaScript compiled per call',
  defaultSeverity: 'medium',
  rationale:
    'new Function(args, body), eval(code) and the vm module parse and compile JavaScript source at run time: microseconds when V8 finds the same source in its compilation cache, tens of microseconds for a source it has not seen, and the code starts in the interpreter every time.',
  fix: 'Compile once (module level, constructor, or a Map keyed by the source when it comes from configuration) and call the compiled function per call; or replace the generated code with a plain function that takes the varying parts as arguments.',
  estimatedCostNs: 5_000,
  counters: {
    count: [
      { kind: 'constructors', globals: ['Function'] },
      // functions only: the counters wrap exports in plain functions, which a class (vm.Script) cannot be
      { kind: 'exports', module: 'vm', names: ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction'] },
    ],
    confirm: {
      'new Function': ['new Function'],
      'vm.*': ['vm.*'],
      'new vm.Script': { none: 'the counters wrap functions, and vm.Script is a class' },
      eval: { none: 'a direct eval is not a call the counters can wrap' },
    },
  },
  calibration: {
    // the case the rule exists for: a body embedding per-call data is compiled afresh every call
    operation: {
      id: 'function-fresh',
      label: "new Function('a', <body with per-call data>)(1)",
      prepare: () => () => compile(`return a + ${counter++}`)(1),
    },
    also: [
      {
        id: 'function-same',
        label: "new Function('a', <same body every call>)(1)",
        prepare: () => () => compile('return a + 1')(1),
      },
      {
        id: 'vm-script-same',
        label: "vm.runInThisContext('<same source every call>')",
        prepare: () => () => vm.runInThisContext('1 + 1') as unknown,
      },
    ],
  },
});
