// The registry: every audit the scanner runs. A test asserts each one has a test file and README docs.
import type { Audit } from '../src/analysis/audit.js';
import { syncFs } from './sync-fs.js';

export const audits: readonly Audit[] = [syncFs];

export function auditById(id: string): Audit | undefined {
  return audits.find((a) => a.id === id);
}
