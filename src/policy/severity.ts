// Severity is policy, not detection: an audit's default, lowered when the operation only runs on an
// error path (a throw on failure is not a hot-path cost) or behind a configuration/debug flag.
import { SEVERITIES, type Severity } from '../model/report.js';

export function lowerSeverity(s: Severity, steps: number): Severity {
  const i = Math.min(SEVERITIES.indexOf(s) + steps, SEVERITIES.length - 1);
  return SEVERITIES[i]!;
}

export function contextualSeverity(base: Severity, ctx: { path?: 'normal' | 'error'; conditional?: boolean }): Severity {
  let steps = 0;
  if (ctx.path === 'error') steps += 2;
  if (ctx.conditional) steps += 1;
  return lowerSeverity(base, steps);
}
