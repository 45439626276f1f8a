// The registry: every rule, once. A rule is audits/<id>.meta.ts (what it is, costs, counts, calibrates),
// audits/<id>.ts (its detector), audits/docs/<id>.md and audits/tests/<id>.test.ts; test/audits/
// registry.test.ts fails when one is missing. Importing this list loads the metadata only, never the
// compiler: the CLI's --rules check, the policy schema, the bench child's op counters and calibrate read
// it; `loadAudits` brings the detectors in when a scan runs.
// Order: the most specific rule first (version-lookup owns manifest reads that sync-fs and
// metadata-parse step aside for), then by how often the rule matters in practice.
import type { Audit } from '../src/analysis/audit.js';
import type { AuditMeta } from '../src/analysis/audit-meta.js';
import { childProcessMeta } from './child-process.meta.js';
import { codeCompileMeta } from './code-compile.meta.js';
import { dynamicRequireMeta } from './dynamic-require.meta.js';
import { envReadMeta } from './env-read.meta.js';
import { metadataParseMeta } from './metadata-parse.meta.js';
import { osQueryMeta } from './os-query.meta.js';
import { regexCompileMeta } from './regex-compile.meta.js';
import { stackCaptureMeta } from './stack-capture.meta.js';
import { syncFsMeta } from './sync-fs.meta.js';
import { versionLookupMeta } from './version-lookup.meta.js';

export const audits = [
  versionLookupMeta,
  syncFsMeta,
  metadataParseMeta,
  stackCaptureMeta,
  envReadMeta,
  dynamicRequireMeta,
  childProcessMeta,
  osQueryMeta,
  regexCompileMeta,
  codeCompileMeta,
] as const satisfies readonly AuditMeta[];

/** A registered rule's id: the policy file's types name the rules (editors and tsc check them). */
export type RuleId = (typeof audits)[number]['id'];

/** The rule ids in registry order (what --rules and the policy file accept). */
export const RULE_IDS: readonly RuleId[] = audits.map((a) => a.id);

export function auditById(id: string): AuditMeta | undefined {
  return audits.find((a) => a.id === id);
}

/**
 * A rule's detector: the export of audits/<id>.js that is this rule (`defineAudit(<meta>, …)`). Found by
 * the id rather than listed: the meta never imports its detector (which imports the meta), and a second
 * list of detectors would be the twin this registry replaces. registry.test.ts checks every rule has one.
 */
async function loadAudit(meta: AuditMeta): Promise<Audit> {
  const exports = (await import(`./${meta.id}.js`)) as Record<string, unknown>;
  const audit = Object.values(exports).find((v): v is Audit => typeof v === 'object' && v !== null && (v as Audit).id === meta.id && typeof (v as Audit).detect === 'function');
  if (audit === undefined) throw new Error(`audits/${meta.id}.ts exports no defineAudit(…) of the rule ${meta.id}`);
  return audit;
}

/** The detectors of the given rules (all by default), in registry order: the order the walker runs them. */
export async function loadAudits(ids?: readonly string[]): Promise<Audit[]> {
  const selected: readonly AuditMeta[] = ids === undefined ? audits : audits.filter((a) => ids.includes(a.id));
  return Promise.all(selected.map(loadAudit));
}
