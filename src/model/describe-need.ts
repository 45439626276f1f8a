// A need of a hook's span start (package-report.ts) as words, for the report's readers: what the bench
// gave a hook to reach its span start, what the scan says stands in the way.
import type { SpanNeed } from './package-report.js';

/** `arg0 = 'request'`, `arg1.ismaster empty`, `a parent span`, `config.requireParentSpan false` … for the report. */
export function describeNeed(n: SpanNeed): string {
  if (n.of === 'parent-span') return 'a parent span';
  const base = n.of === 'arg' ? `arg${n.index ?? 0}` : n.of;
  const where = [base, ...n.path].join('.');
  switch (n.is) {
    case 'equal':
      return `${where} = ${JSON.stringify(n.value)}`;
    case 'falsy':
      return n.of === 'config' ? `${where} false` : `${where} empty`;
    case 'truthy':
      return n.of === 'config' ? `${where} true` : `${where} set`;
    case 'type':
      return `${where} ${/^[aeiou]/.test(String(n.value)) ? 'an' : 'a'} ${String(n.value)}`;
    case 'instance':
      return `${where} an instance of ${String(n.value).replace('#', '.')}`;
  }
}

/** The drive of a case as one phrase: `a parent span, arg0 = "request"`; '' for none. */
export function describeDrive(needs: readonly SpanNeed[]): string {
  return needs.map(describeNeed).join(', ');
}
