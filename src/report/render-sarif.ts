// SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer). One run; rules
// from the audit metadata; each result carries the call path as a code flow and a fingerprint that
// survives line shifts, so an alert follows its code across commits instead of closing and reopening.
// Only per-call findings by default, as in the terminal: once/init/unknown code is not the hot path,
// and alerts nobody should act on teach people to ignore the tool (`--all` includes them).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result, ThreadFlowLocation } from 'sarif';
import { fingerprint, FINGERPRINT_VERSION } from '../model/fingerprint.js';
import type { Finding, Report, Severity } from '../model/report.js';
import { formatNs } from '../util/format-ns.js';
import type { RuleInfo } from './rule-info.js';
import { countsAsPerCall } from '../model/report.js';

export interface SarifOptions {
  /** rule metadata (the audit registry); rules only seen in findings get a bare entry */
  rules?: readonly RuleInfo[];
  /** the folder URIs are made relative to, e.g. the repository root (default: `cwd`) */
  sarifRoot?: string;
  /** what relative roots and `sarifRoot` are relative to (default: the process's working directory) */
  cwd?: string;
  /** include findings that are not per call */
  all?: boolean;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/otel-audit';
/**
 * partialFingerprints key. Its value is `fingerprint()` of src/model/fingerprint.ts — the one identity
 * of a finding, shared with `diff` — numbered `:n` when identical code repeats, and the key carries
 * that recipe's version, so a recipe change is a new key (code scanning then closes the old alerts
 * once rather than matching values that mean something else). The key before it, `otelAudit/v1`, was
 * a SARIF-only hash (rule, package name, call-path functions, operation) and is retired.
 */
export const FINGERPRINT_KEY = `otelAudit/finding/v${FINGERPRINT_VERSION}`;
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Result.level> = { high: 'error', medium: 'warning', low: 'note', info: 'none' };

const pascal = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_, __: string, ch: string) => ch.toUpperCase());

function ruleDescriptor(rule: RuleInfo): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.fix}\n\n${rule.rationale}`,
      markdown: `**Fix:** ${rule.fix}\n\n${rule.rationale}\n\nCost of one occurrence: about ${formatNs(rule.estimatedCostNs)} (a bare span is about 1.3 µs).`,
    },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: ['performance', 'opentelemetry'], estimatedCostNs: rule.estimatedCostNs },
  };
}

/** Encodes what a URI path may not hold as is (spaces, `#`, `?`, `%`), keeping `/` and `@`. */
const encodePath = (p: string): string =>
  p
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/%40/g, '@'))
    .join('/');

type Locate = (rootIndex: number, file: string, line: number, column?: number) => Location['physicalLocation'];

function locator(report: Report, options: SarifOptions): Locate {
  const cwd = path.resolve(options.cwd ?? '');
  const base = path.resolve(cwd, options.sarifRoot ?? '.');
  return (rootIndex, file, line, column) => {
    const abs = path.resolve(cwd, report.roots[rootIndex] ?? '.', file);
    const rel = path.relative(base, abs).split(path.sep).join('/');
    // outside the repository root: an absolute file URI (code scanning will not annotate it, but a
    // SARIF viewer can still open it) rather than a `../` path that means nothing to the uploader
    const inside = rel !== '' && !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel);
    const artifactLocation = inside ? { uri: encodePath(rel), uriBaseId: SRCROOT } : { uri: pathToFileURL(abs).href };
    return { artifactLocation, region: column === undefined ? { startLine: line } : { startLine: line, startColumn: column } };
  };
}

/** Where the hook is installed. Ids are unique within a package, not across: look in the hooking package first. */
function hookSite(report: Report, f: Finding, id: string): { root: number; file: string; line: number } | undefined {
  const owner = f.reachedFrom ?? f.package;
  const ordered = [...report.packages].sort((a, b) => Number(`${b.name}@${b.version}` === owner) - Number(`${a.name}@${a.version}` === owner));
  for (const p of ordered) {
    const h = p.hooks.find((x) => x.id === id);
    if (h !== undefined) return { root: p.root, file: h.file, line: h.line };
  }
  return undefined;
}

function codeFlow(f: Finding, report: Report, locate: Locate): Result['codeFlows'] {
  const steps: ThreadFlowLocation[] = [];
  const hook = f.hook === null ? undefined : hookSite(report, f, f.hook.id);
  if (f.hook !== null && hook !== undefined) {
    steps.push({ location: { physicalLocation: locate(hook.root, hook.file, hook.line), message: { text: `hook: ${f.hook.kind} ${f.hook.target}` } } });
  }
  f.callPath.forEach((step, i) => {
    const last = i === f.callPath.length - 1;
    const text = last ? `${step.function}: ${f.operation}` : step.function;
    steps.push({ location: { physicalLocation: locate(f.root, step.file, step.line), message: { text } }, importance: last ? 'essential' : 'important' });
  });
  if (steps.length === 0) return undefined;
  const from = f.hook !== null ? `${f.hook.kind} ${f.hook.target}` : (f.callPath[0]?.function ?? f.package);
  return [{ message: { text: `${f.operation} reached from ${from}` }, threadFlows: [{ locations: steps }] }];
}

function toResult(f: Finding, report: Report, locate: Locate, ruleIndex: number, identity: string): Result {
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: locate(f.root, f.file, f.line, f.column) }],
  };
  if (f.original) {
    result.relatedLocations = [{ id: 1, physicalLocation: locate(f.root, f.original.file, f.original.line), message: { text: 'TypeScript source (from the source map)' } }];
  }
  const flows = codeFlow(f, report, locate);
  if (flows !== undefined) result.codeFlows = flows;
  result.partialFingerprints = { [FINGERPRINT_KEY]: identity };
  if (f.suppressed === true) {
    result.suppressions = [{ kind: 'external', status: 'accepted', ...(f.suppressionReason !== undefined ? { justification: f.suppressionReason } : {}) }];
  }
  result.properties = {
    package: f.package,
    frequency: f.frequency,
    hook: f.hook,
    operation: f.operation,
    estimatedCostNs: f.estimatedCostNs,
    ...(f.conditional === true ? { conditional: true } : {}),
    ...(f.path !== undefined ? { path: f.path } : {}),
    // what the bench's block coverage saw: static, runtime, both, or static-not-seen (and whether verdicts count it)
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    ...(f.runtime !== undefined ? { runtimePerCall: f.runtime.perCall } : {}),
    ...(f.counted !== undefined ? { counted: f.counted } : {}),
  };
  return result;
}

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const findings = report.findings.filter((f) => options.all === true || countsAsPerCall(f));
  const known = options.rules ?? [];
  // every rule of the registry (so a rule with no results still documents itself), then any rule id a
  // finding names that the registry passed in does not know
  const rules: ReportingDescriptor[] = known.map(ruleDescriptor);
  for (const id of [...new Set(findings.map((f) => f.ruleId))].filter((id) => !known.some((r) => r.id === id)).sort()) {
    rules.push({ id, name: pascal(id), shortDescription: { text: id } });
  }
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const locate = locator(report, options);
  // identical code reached twice (two reads in one function) gets the same base: number the
  // occurrences, in report order, so each alert keeps its own identity
  const seen = new Map<string, number>();
  const results = findings.map((f) => {
    const base = fingerprint(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return toResult(f, report, locate, indexOf.get(f.ruleId)!, `${base}:${n}`);
  });
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, informationUri: INFORMATION_URI, rules } },
        results,
        columnKind: 'utf16CodeUnits',
        properties: { costTable: report.costTable },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
