// A stable identity for a finding, so that two reports (base and head of a pull request, two versions
// of a package) can be compared: the same problem must keep its fingerprint when lines shift, the
// package is bumped or the build is re-emitted. So it is made only of what the code *is*, never where
// it sits: the rule, the package NAME (no version), the hook it runs under (kind and target, e.g.
// `wrap pg:Client.prototype.query`), the function names along the call path, the operation, and
// how often it runs. Line, column, file and version are deliberately left out. Frequency is in: a
// lookup that gains a cache (per-call → once) is a fixed per-call finding, and a cache removed is a
// new one — exactly what a pull request diff must show. Severity is out: it comes from the policy,
// and a changed config must not make every finding "new". Also the value of SARIF
// `partialFingerprints["otelAudit/finding/v<FINGERPRINT_VERSION>"]` (src/report/render-sarif.ts): one
// implementation, so an alert in code scanning and a line of a pull-request diff are the same finding
// (same input, same string, on every platform).
import { createHash } from 'node:crypto';
import type { Finding } from './report.js';

/** Bumped if the recipe below ever changes, so old and new fingerprints never match by accident. */
export const FINGERPRINT_VERSION = 1;

/** `@scope/name@1.2.3` → `@scope/name`; a name without a version is returned as is. */
export function packageName(spec: string): string {
  const at = spec.lastIndexOf('@');
  return at > 0 ? spec.slice(0, at) : spec;
}

// Whitespace inside names comes from formatting (`exports . x`), not meaning.
const norm = (s: string): string => s.replace(/\s+/g, '');

/** The readable material the fingerprint is hashed from (useful when debugging a mismatch). */
export function fingerprintInput(finding: Finding): string {
  return [
    `v${FINGERPRINT_VERSION}`,
    finding.ruleId,
    finding.frequency,
    packageName(finding.package),
    finding.reachedFrom === undefined ? '' : packageName(finding.reachedFrom),
    finding.hook === null ? '' : `${finding.hook.kind} ${norm(finding.hook.target)}`,
    finding.callPath.map((s) => norm(s.function)).join('>'),
    norm(finding.operation),
  ].join('\u0000');
}

/**
 * 32 hex characters (128 bits of SHA-256). Several findings may share one (the same operation twice in
 * one function): consumers pair them by order, see src/diff/match-findings.ts.
 */
export function fingerprint(finding: Finding): string {
  return createHash('sha256').update(fingerprintInput(finding)).digest('hex').slice(0, 32);
}
