// The JSON report (schemaVersion 1) as a JSON Schema (draft-07), checked with ajv: by the tests on the
// committed reports/scan.json (CI fails when the published baseline no longer matches the contract)
// and available to anyone consuming the JSON. It mirrors src/model/report.ts; the contract is "extend
// freely, never break", so every object admits properties it does not list, while the listed ones
// are required with their types. Enumerations come from the model's own constants where it has them;
// the hook kinds are checked against the model's type at compile time below.
import { Ajv, type ValidateFunction } from 'ajv';
import { BENCH_STATUSES, FREQUENCIES, HOOK_FREQUENCIES, SEVERITIES, type HookKind } from '../model/report.js';

const HOOK_KINDS = ['wrap', 'diagnostics-channel', 'span-processor', 'sampler', 'propagator', 'exporter', 'log-processor', 'scenario'] as const satisfies readonly HookKind[];
// fails to compile when model.ts gains a hook kind this list lacks
const everyHookKind: [Exclude<HookKind, (typeof HOOK_KINDS)[number]>] extends [never] ? true : false = true;
void everyHookKind;

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const line: Schema = { type: 'integer', minimum: 1 };
const num: Schema = { type: 'number' };
const nullableNum: Schema = { type: ['number', 'null'] };
const bool: Schema = { type: 'boolean' };
const strings: Schema = { type: 'array', items: str };

/** An object with these properties, the first `required` of them mandatory; others are allowed. */
function object(properties: Record<string, Schema>, required: readonly string[] = Object.keys(properties)): Schema {
  return { type: 'object', required: [...required], properties };
}

const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });

const location = object({ file: str, line });
// hookFrequency came later: reports written before it still validate
const hookRef = object({ id: str, kind: { enum: HOOK_KINDS }, target: str, hookFrequency: { enum: HOOK_FREQUENCIES } }, ['id', 'kind', 'target']);
const counts = (keys: readonly string[]): Schema => object(Object.fromEntries(keys.map((k) => [k, { type: 'integer', minimum: 0 }])));

const finding = object(
  {
    ruleId: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    severity: { enum: SEVERITIES },
    frequency: { enum: FREQUENCIES },
    package: str,
    root: int,
    file: str,
    line,
    column: line,
    original: nullable(location),
    hook: nullable(hookRef),
    callPath: { type: 'array', items: object({ function: str, file: str, line, original: nullable(location) }, ['function', 'file', 'line']) },
    operation: str,
    message: str,
    estimatedCostNs: num,
    reachedFrom: str,
    conditional: bool,
    path: { enum: ['normal', 'error'] },
    deadBranch: str,
    suppressed: bool,
    suppressionReason: str,
    measuredOverheadNsPerSpan: num,
    confirmed: bool,
  },
  ['ruleId', 'severity', 'frequency', 'package', 'root', 'file', 'line', 'column', 'original', 'hook', 'callPath', 'operation', 'message', 'estimatedCostNs'],
);

const packageReport = object(
  {
    name: str,
    version: str,
    root: int,
    dir: str,
    files: strings,
    entry: { enum: ['entry-points', 'all-files', 'ts-sources'] },
    copies: strings,
    hooks: {
      type: 'array',
      items: object(
        { id: str, kind: { enum: HOOK_KINDS }, target: str, file: str, line, resolved: bool, hookFrequency: { enum: HOOK_FREQUENCIES }, hookFrequencyReason: str },
        ['id', 'kind', 'target', 'file', 'line', 'resolved'],
      ),
    },
  },
  ['name', 'version', 'root', 'dir', 'files', 'entry', 'hooks'],
);

const reportError = object({ package: nullable(str), root: int, file: nullable(str), message: str, kind: str }, ['package', 'file', 'message', 'kind']);

const summary = object(
  {
    packages: int, files: int, parsedFiles: int, bytes: int, hooks: int, findings: int, perCall: int, deadBranch: int,
    bySeverity: counts(SEVERITIES), byFrequency: counts(FREQUENCIES), errors: int, durationMs: num, ignored: int,
  },
  ['packages', 'files', 'parsedFiles', 'bytes', 'hooks', 'findings', 'perCall', 'bySeverity', 'byFrequency', 'errors', 'durationMs'],
);

const benchmark = object(
  {
    package: str,
    hook: nullable(hookRef),
    status: { enum: BENCH_STATUSES },
    reason: nullable(str),
    spansPerCall: nullableNum,
    baselineNsPerCall: nullableNum,
    instrumentedNsPerCall: nullableNum,
    unsampledNsPerCall: nullableNum,
    overheadNsPerSpan: nullableNum,
    marginPct: nullableNum,
    samples: nullableNum,
    opsPerCall: { type: 'object', additionalProperties: num },
    opSites: { type: 'object', additionalProperties: location },
    bareSpanNs: nullableNum,
    attempts: { type: 'integer', minimum: 2 },
    callStyle: { enum: ['sync', 'promise', 'callback', 'method'] },
    patched: object({ module: str, mock: { enum: ['installed-shape', 'auto'] } }),
    profile: object({ cpuprofile: str, top: str, dot: str }),
  },
  ['package', 'hook', 'status', 'reason', 'spansPerCall', 'baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall', 'overheadNsPerSpan', 'marginPct', 'samples', 'opsPerCall'],
);

// remeasured came later: reports written before it still validate
const benchSummary = object(
  { cases: int, measured: int, skipped: int, failed: int, measuredPct: num, remeasured: int, timeMs: num, concurrency: int, durationMs: num, withScan: bool },
  ['cases', 'measured', 'skipped', 'failed', 'measuredPct', 'timeMs', 'concurrency', 'durationMs', 'withScan'],
);

export const REPORT_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://otel-audit.dev/schema/report-v1.json',
  title: 'otel-audit JSON report, schemaVersion 1',
  ...object(
    {
      schemaVersion: { const: 1 },
      tool: object({ name: { const: 'otel-audit' }, version: str }),
      root: str,
      roots: strings,
      costTable: str,
      packages: { type: 'array', items: packageReport },
      dependencyFiles: strings,
      findings: { type: 'array', items: finding },
      errors: { type: 'array', items: reportError },
      summary,
      reference: nullable(object({ bareSpanNs: num, usualBareSpanNs: num, historyProblem: str }, ['bareSpanNs'])),
      benchmarks: { type: 'array', items: benchmark },
      benchSummary,
    },
    ['schemaVersion', 'tool', 'root', 'roots', 'costTable', 'packages', 'dependencyFiles', 'findings', 'errors', 'summary'],
  ),
};

let compiled: ValidateFunction | undefined;

/** Every way `value` departs from the schema (`/findings/3/line must be >= 1`); empty when it is a valid report. */
export function reportSchemaErrors(value: unknown): string[] {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(REPORT_SCHEMA);
  if (compiled(value)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
