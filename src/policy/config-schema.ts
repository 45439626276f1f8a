// The policy file's shape (otel-audit.config.json, or the "otel-audit" key of package.json): ONE JSON
// Schema, checked with ajv, from which the types are inferred (json-schema-to-ts) and which is shipped
// as schema/config.json for editors. Validation returns *issues* located by JSON path, not ajv's
// raw errors: config.ts turns each path into file:line:column, so a user is pointed at the exact
// property to fix ("rules.sync-fs.severity must be one of high, medium, low, info").
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { FromSchema } from 'json-schema-to-ts';
import type { FormatsPlugin } from 'ajv-formats';
import { RULE_IDS } from '../../audits/index.js';
import { SEVERITIES } from '../model/report.js';
import { FAIL_ON } from './exit-code.js';

/** One problem in a config, located by its JSON path. `key`: point at the property name, not its value. */
export interface ConfigIssue {
  path: Array<string | number>;
  target: 'value' | 'key';
  message: string;
}

const MATCHER_PROPERTIES = {
  package: { type: 'string', minLength: 1, description: 'package name (no version: every version; name@version pins one), or a glob over names (`@opentelemetry/instrumentation-*`)' },
  rule: { enum: RULE_IDS, description: 'rule id' },
  file: { type: 'string', minLength: 1, description: "glob over the finding's file: root-relative, as the terminal prints it, inside its package, or its TypeScript original" },
} as const;

// An entry that names nothing would match every finding: a typo must not silence a whole report.
const NAMES_SOMETHING = { anyOf: [{ required: ['package'] }, { required: ['rule'] }, { required: ['file'] }] } as const;

const BUDGET = { type: 'number', minimum: 0, description: 'the worst measured overhead per span of its hooks may not exceed this, ns (needs benchmarks in the report)' } as const;

const IGNORE_ENTRY = { type: 'object', additionalProperties: false, properties: MATCHER_PROPERTIES, ...NAMES_SOMETHING } as const;

const SUPPRESSION = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    ...MATCHER_PROPERTIES,
    line: { type: 'integer', minimum: 1, description: 'line of `file` (or of its TypeScript original)' },
    reason: { type: 'string', pattern: '\\S', description: 'why this is acceptable: required, it is what a reviewer reads' },
    until: { type: 'string', format: 'date', description: 'YYYY-MM-DD, the last day the suppression applies' },
  },
  ...NAMES_SOMETHING,
} as const;

export const CONFIG_SCHEMA = {
  $id: 'https://otel-audit.dev/schema/config.json',
  title: 'otel-audit policy file (otel-audit.config.json, or the "otel-audit" key of package.json)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'lets editors find this schema: node_modules/otel-audit/schema/config.json' },
    rules: {
      type: 'object',
      description: 'per rule id: severity override (still lowered on error-only or flag-guarded code), or enabled: false to drop its findings',
      propertyNames: { enum: RULE_IDS },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { severity: { enum: SEVERITIES }, enabled: { type: 'boolean' } },
      },
    },
    failOn: { enum: FAIL_ON, description: 'exit 1 (and a fail verdict) when a per-call, unsuppressed finding has this severity or a higher one; --fail-on overrides it' },
    maxOverheadNsPerSpan: BUDGET,
    countUnconfirmed: {
      type: 'boolean',
      description:
        'count per-call findings the bench did not see run (evidence static-not-seen: the hook ran, the operation did not) in --fail-on and verdicts. Unset: counted only when their hook started no span (an early exit is no evidence); false: never; true: always',
    },
    packages: {
      type: 'object',
      description: 'per package name: a budget that replaces maxOverheadNsPerSpan for that package',
      additionalProperties: { type: 'object', additionalProperties: false, properties: { maxOverheadNsPerSpan: BUDGET } },
    },
    ignore: { type: 'array', items: IGNORE_ENTRY, description: 'findings to remove from the report (counted in summary.ignored)' },
    suppressions: { type: 'array', items: SUPPRESSION, description: 'findings to keep but not count: each needs a reason, and may expire' },
    setUpMethods: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z_$#][\\w$]*$' },
      uniqueItems: true,
      description:
        'set-up APIs of the libraries you instrument, beside the built-in table (src/analysis/set-up-methods.ts): a hook wrapping a method of one of these names runs at set-up, and what it runs is reported init, not per call',
    },
  },
} as const;

export type PolicyConfig = FromSchema<typeof CONFIG_SCHEMA>;
/** Which findings an `ignore` or `suppressions` entry is about; every field given must match. */
export type FindingMatcher = FromSchema<typeof IGNORE_ENTRY>;
export type Suppression = FromSchema<typeof SUPPRESSION>;

let compiled: ValidateFunction<PolicyConfig> | undefined;

/**
 * ajv (65 modules, about 45 ms of every start-up) is loaded when a policy file is first checked, not
 * with this module: most runs have none. Through require, so validation stays synchronous (ajv is
 * CommonJS).
 */
const load = createRequire(import.meta.url);

function validator(): ValidateFunction<PolicyConfig> {
  if (compiled === undefined) {
    const { Ajv } = load('ajv') as { Ajv: typeof AjvClass };
    const formats = (load('ajv-formats') as { default: FormatsPlugin }).default;
    // verbose: errors carry their parent schema, which lists the properties an unknown key could have been
    // strictRequired off: the anyOf branches name properties declared beside them, not inside them
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    formats(ajv, ['date']);
    compiled = ajv.compile<PolicyConfig>(CONFIG_SCHEMA);
  }
  return compiled;
}

/** The value as a PolicyConfig, or the list of issues (sorted later by position, by the caller). */
export function validateConfig(value: unknown): { config: PolicyConfig; issues: [] } | { config: null; issues: ConfigIssue[] } {
  const validate = validator();
  if (validate(value)) return { config: value, issues: [] };
  return { config: null, issues: describeErrors(validate.errors ?? []) };
}

/** `/rules/sync-fs/severity` → ['rules', 'sync-fs', 'severity'] (JSON pointer unescaped; indexes as numbers) */
export function pointerPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** `rules.sync-fs.severity`, `suppressions[0].reason`, `packages["@scope/name"]` */
export function displayPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? 'the configuration' : out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

function describeError(e: ErrorObject, path: Array<string | number>): ConfigIssue | null {
  const at = displayPath(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      // an unknown key under `rules` (propertyNames): point at the key itself
      if (e.propertyName !== undefined) {
        return { path: [...path, e.propertyName], target: 'key', message: `${displayPath([...path, e.propertyName])} is not a rule id (rule ids: ${allowed})` };
      }
      return { path, target: 'value', message: `${at} must be one of ${allowed}` };
    }
    case 'propertyNames':
      return null; // said by its nested enum error, which names the key
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      return { path: [...path, key], target: 'key', message: `${displayPath([...path, key])} is not a known setting (known: ${known.join(', ')})` };
    }
    case 'required':
      return { path, target: 'value', message: `${displayPath([...path, String(params.missingProperty)])} is required` };
    case 'anyOf':
      return { path, target: 'value', message: `${at} must name at least one of package, rule, file` };
    case 'type':
      return { path, target: 'value', message: `${at} must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}` };
    case 'format':
      return { path, target: 'value', message: `${at} must be a date (YYYY-MM-DD)` };
    case 'pattern':
      // a set-up method is matched against the wrapped method's name: anything else never matches
      if (path[0] === 'setUpMethods') return { path, target: 'value', message: `${at} must be a method name (letters, digits, _ or $)` };
      return { path, target: 'value', message: `${at} must not be empty` };
    case 'minLength':
      return { path, target: 'value', message: `${at} must not be empty` };
    case 'uniqueItems':
      return { path, target: 'value', message: `${at} lists a name twice` };
    default:
      return { path, target: 'value', message: `${at} ${e.message ?? 'is invalid'}` };
  }
}

function describeErrors(errors: readonly ErrorObject[]): ConfigIssue[] {
  // anyOf reports each failed branch ("must have required property 'package'", then 'rule', then
  // 'file') before its own error; one sentence naming the three says it better.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (anyOfPaths.some((p) => e.schemaPath !== p && e.schemaPath.startsWith(`${p}/`))) continue;
    const issue = describeError(e, pointerPath(e.instancePath));
    if (issue === null) continue;
    const key = `${JSON.stringify(issue.path)}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
