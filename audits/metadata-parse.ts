import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection } from '../src/analysis/audit.js';
import { isFileReadCall, isManifestRead, stableInitializer } from '../src/analysis/manifest-path.js';
import { resolveIdentifier } from '../src/analysis/scope.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { metadataParseMeta } from './metadata-parse.meta.js';

// Parsing file-backed metadata (JSON files, YAML/INI/TOML configs, semver ranges) turns the same bytes
// into the same objects on every call. The result never changes while the process runs.

/** config parsers by module: function name → operation */
const CONFIG_PARSERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['js-yaml', new Set(['load', 'safeLoad', 'loadAll', 'safeLoadAll'])],
  ['yaml', new Set(['parse', 'parseDocument', 'parseAllDocuments'])],
  ['ini', new Set(['parse', 'decode'])],
  ['@iarna/toml', new Set(['parse'])],
  ['toml', new Set(['parse'])],
  ['smol-toml', new Set(['parse'])],
]);

const SEMVER_RANGE_FUNCTIONS = new Set(['satisfies', 'validRange', 'intersects', 'minVersion', 'maxSatisfying', 'minSatisfying', 'subset', 'outside', 'gtr', 'ltr']);

/** semver's per-function files: `require('semver/functions/satisfies')` is `semver.satisfies` */
const SEMVER_FILES: ReadonlyMap<string, string> = new Map([
  ['functions/satisfies', 'satisfies'],
  ['ranges/valid', 'validRange'],
  ['ranges/intersects', 'intersects'],
  ['ranges/min-version', 'minVersion'],
  ['ranges/max-satisfying', 'maxSatisfying'],
  ['ranges/min-satisfying', 'minSatisfying'],
  ['ranges/subset', 'subset'],
  ['ranges/outside', 'outside'],
  ['ranges/gtr', 'gtr'],
  ['ranges/ltr', 'ltr'],
  ['classes/range', 'Range'],
]);

/** The semver export an expression refers to (`satisfies`, `Range` …), in any import style. */
function semverExport(expr: ts.Expression, ctx: AuditContext): string | undefined {
  const ref = ctx.moduleRef(expr);
  if (!ref) return undefined;
  if (ref.module === 'semver' || ref.module === 'semver/preload') return ref.path.length === 1 ? ref.path[0] : undefined;
  if (!ref.module.startsWith('semver/') || ref.path.length !== 0) return undefined;
  return SEMVER_FILES.get(ref.module.slice('semver/'.length).replace(/\.js$/, ''));
}

const MAX_DEPTH = 6;

/**
 * Where a string comes from, when it is a file's contents: the read call, through `.toString()`,
 * `.trim()`, `String(…)`, `await`, variables holding it, and `fs.readFile(p, (err, data) => …)`'s data.
 */
function fileReadOf(expr: ts.Expression, ctx: AuditContext, depth = 0): ts.CallExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = ctx.unwrap(expr);
  if (ts.isAwaitExpression(e)) return fileReadOf(e.expression, ctx, depth + 1);
  if (ts.isCallExpression(e)) {
    if (isFileReadCall(e)) return e;
    const callee = ctx.unwrap(e.expression);
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'toString' || callee.name.text === 'trim')) return fileReadOf(callee.expression, ctx, depth + 1);
    if (ctx.isGlobal(callee, 'String') && e.arguments[0]) return fileReadOf(e.arguments[0], ctx, depth + 1);
    return undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const decl = resolveIdentifier(e);
  if (!decl) return undefined;
  if (ts.isParameter(decl)) return callbackRead(decl);
  let read: ts.CallExpression | undefined;
  const init = stableInitializer(decl, (i) => (read = fileReadOf(i, ctx, depth + 1)) !== undefined);
  return init === undefined ? undefined : read;
}

/** `fs.readFile(p, [options,] (err, data) => …)`: `data` is the file's contents. */
function callbackRead(param: ts.ParameterDeclaration): ts.CallExpression | undefined {
  const fn = param.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.indexOf(param) !== 1) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[call.arguments.length - 1] !== fn) return undefined;
  return isFileReadCall(call) ? call : undefined;
}

function jsonParse(call: ts.CallExpression, ctx: AuditContext): string | undefined {
  const callee = ctx.unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'parse' || !ctx.isGlobal(callee.expression, 'JSON')) return undefined;
  const arg = call.arguments[0];
  const read = arg && fileReadOf(arg, ctx);
  // a parsed package.json is a version lookup, reported by that rule at the read
  if (!read || isManifestRead(read)) return undefined;
  return 'JSON.parse';
}

function configParse(call: ts.CallExpression, ctx: AuditContext): string | undefined {
  const ref = ctx.moduleRef(call.expression);
  if (!ref || ref.path.length !== 1) return undefined;
  const fn = ref.path[0]!;
  return CONFIG_PARSERS.get(ref.module)?.has(fn) ? `${ref.module}.${fn}` : undefined;
}

/** Member names a parse can end in (`default`: tsc's call of a default import); others are rejected before resolution. */
const PARSE_MEMBERS = new Set(['parse', 'default', ...SEMVER_RANGE_FUNCTIONS, ...[...CONFIG_PARSERS.values()].flatMap((s) => [...s])]);

function detectCall(call: ts.CallExpression, ctx: AuditContext): string | undefined {
  const member = ctx.calleeMember(call.expression);
  if (member !== undefined && !PARSE_MEMBERS.has(member)) return undefined;
  const fn = semverExport(call.expression, ctx);
  if (fn !== undefined && SEMVER_RANGE_FUNCTIONS.has(fn)) return `semver.${fn}`;
  return jsonParse(call, ctx) ?? configParse(call, ctx);
}

export const metadataParse = defineAudit(metadataParseMeta, {
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  detect(node, ctx): Detection | undefined {
    if (ts.isNewExpression(node)) {
      return semverExport(node.expression, ctx) === 'Range' ? { node, operation: 'new semver.Range' } : undefined;
    }
    const operation = detectCall(node, ctx);
    return operation === undefined ? undefined : { node, operation };
  },
});
