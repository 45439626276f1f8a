// Which counter names a declared run-time counter records (src/bench/counters/op-counters.ts), so the
// registry test can check a rule confirms its operations only with counters it declares itself (a
// rule must not lean on another rule's counters: removing that rule would silently stop confirming it).
import type { RuntimeCounter } from '../../src/analysis/audit-meta.js';

/** Whether `spec` records `name`; a `*` in `name` (a confirm pattern) matches any rest. */
export function canProduce(spec: RuntimeCounter, name: string): boolean {
  const star = name.indexOf('*');
  const matches = (produced: string): boolean => (star < 0 ? produced === name : produced.startsWith(name.slice(0, star)));
  switch (spec.kind) {
    case 'exports': {
      const prefix = `${spec.module}.`;
      if (spec.names !== undefined) return spec.names.some((n) => matches(prefix + n));
      // every export (or every one with the suffix): any name under the module
      if (star >= 0) return name.startsWith(prefix) || prefix.startsWith(name.slice(0, star));
      return name.startsWith(prefix) && name.endsWith(spec.suffix ?? '');
    }
    case 'global-function':
      return matches(`${spec.global}.${spec.name}`);
    case 'constructors':
      return spec.globals.some((g) => matches(`new ${g}`));
    case 'require':
      return matches('require');
    case 'resolve':
      return matches('require.resolve') || matches('Module._resolveFilename');
    case 'process.env':
      return matches('process.env') || matches('process.env copy');
    case 'stack-format':
      return matches('Error.stack');
  }
}
