// Runs one audit over a snippet, the way the scanner does, and returns what it found as data that tests
// can assert on (operation, line, column) — never message text. Every rule test also checks, through
// here, that each operation the rule returns is declared in its counters.
import assert from 'node:assert/strict';
import type { Audit } from '../../src/analysis/audit.js';
import { parseSource } from '../../src/analysis/parse.js';
import { auditsByKind, runAudits } from '../../src/analysis/run-audits.js';
import { confirmation } from '../../src/bench/counters/confirming-counters.js';

export interface Found {
  operation: string;
  line: number;
  column: number;
}

export function detect(audit: Audit, code: string, fileName = 'snippet.js'): Found[] {
  const sf = parseSource(fileName, code);
  return runAudits(sf, auditsByKind([audit])).map(({ detection }) => {
    // every operation a rule returns has its run-time counters (or a reason why not) in its meta:
    // an unlisted one could never be confirmed by a bench, silently
    assert.ok(confirmation(audit, detection.operation) !== undefined, `${audit.id} returns '${detection.operation}', which its counters.confirm does not list (audits/${audit.id}.meta.ts)`);
    const pos = detection.node.getStart(sf);
    const { line, character } = sf.getLineAndCharacterOfPosition(pos);
    return { operation: detection.operation, line: line + 1, column: character + 1 };
  });
}

/** The operations found, for the common "flags exactly this" assertion. */
export function operations(audit: Audit, code: string, fileName?: string): string[] {
  return detect(audit, code, fileName).map((f) => f.operation);
}
