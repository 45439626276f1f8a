// What the bench's block coverage says about a finding, in words every renderer uses the same way:
// terminal tags, Markdown and HTML badges, the vet reasons. Pure.
import type { Finding } from '../model/report.js';

/** A short label for the finding's evidence, or null when no bench ran (everything is static then). */
export function evidenceLabel(f: Finding): string | null {
  switch (f.evidence) {
    case 'both':
      return 'seen at run time';
    case 'runtime':
      return 'found at run time';
    case 'static-not-seen':
      return f.counted === false ? 'not seen at run time, not counted' : 'not seen at run time';
    case 'static':
      return 'static only';
    default:
      return null;
  }
}

const times = (n: number): string => (n === 1 ? 'once' : `${Number.isInteger(n) ? n : n.toFixed(2)} times`);

/** One sentence: what ran, under which measured hook, and what it means for the verdicts. */
export function evidenceSentence(f: Finding): string | null {
  const r = f.runtime;
  switch (f.evidence) {
    case 'both':
      return r ? `ran ${times(r.perCall)} per call under ${r.benchHook} (static and run time agree)` : 'ran at run time';
    case 'runtime':
      return r ? `ran ${times(r.perCall)} per call under ${r.benchHook}; the static analysis did not put it on a hook's per-call path` : 'found at run time';
    case 'static-not-seen': {
      const span = r !== undefined && r.spansPerCall >= 1 ? 'the hook ran and started its span' : 'the hook ran but started no span (an early exit)';
      const counted = f.counted === false ? 'not counted (policy countUnconfirmed)' : 'still counted (policy countUnconfirmed)';
      return `not seen at run time: ${span}${r ? ` under ${r.benchHook}` : ''}, this block ran 0 times per call; ${counted}`;
    }
    case 'static':
      if (r !== undefined && !r.hookRan) return `static only: the bench did not run this path of ${r.benchHook}`;
      return f.measuredOverheadNsPerSpan !== undefined ? 'static only: no block coverage of its hook' : 'static only: its hook was not measured';
    default:
      return null;
  }
}

/** Findings the verdicts leave out because the bench did not see them run. */
export const isUncounted = (f: Finding): boolean => f.frequency === 'per-call' && f.suppressed !== true && f.counted === false;
