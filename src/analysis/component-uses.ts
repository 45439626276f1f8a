// Where a package hands objects to the OpenTelemetry SDK as components: `propagation
// .setGlobalPropagator(p)`, `new BatchSpanProcessor(exporter)`, `{ textMapPropagator: p,
// spanProcessors: [sp], sampler: s }`, `provider.addSpanProcessor(sp)`. An object or class used so is
// that component, whatever its methods are called; one merely carrying a method named `extract` or
// `export` is not (find-hooks.ts asks here before taking an incomplete shape for a hook).
import { ts } from '../util/ts.cjs';
import type { HookKind } from '../model/report.js';
import { memberName, unwrap } from './module-ref.js';
import type { SyntaxIndex } from './syntax-index.js';
import type { Values } from './values.js';

/** Calls and constructors of the SDK API that take a component as their first argument. */
const CALL_ARGUMENT: ReadonlyArray<[RegExp, HookKind]> = [
  [/^setGlobalPropagator$/, 'propagator'],
  [/^addSpanProcessor$/, 'span-processor'],
  [/^addLogRecordProcessor$/, 'log-processor'],
  // `new BatchSpanProcessor(exporter)`, `new SimpleLogRecordProcessor(exporter)`: processors export
  [/(SpanProcessor|LogRecordProcessor)$/, 'exporter'],
];

/** Configuration keys of the SDK, providers and composites that hold components (or arrays of them). */
const CONFIG_KEYS = new Map<string, HookKind>([
  ['textMapPropagator', 'propagator'],
  ['propagator', 'propagator'],
  ['propagators', 'propagator'],
  ['spanProcessor', 'span-processor'],
  ['spanProcessors', 'span-processor'],
  ['sampler', 'sampler'],
  ['root', 'sampler'], // ParentBasedSampler({ root })
  ['traceExporter', 'exporter'],
  ['exporter', 'exporter'],
  ['logRecordProcessor', 'log-processor'],
  ['logRecordProcessors', 'log-processor'],
]);

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const c = unwrap(call.expression);
  return ts.isIdentifier(c) ? c.text : memberName(c);
}

/** Classes, object literals and functions used as SDK components, with the kinds they are used as. */
export function componentUses(indexes: SyntaxIndex[], values: Values): Map<ts.Node, Set<HookKind>> {
  const used = new Map<ts.Node, Set<HookKind>>();
  const mark = (expr: ts.Expression, kind: HookKind): void => {
    const e = unwrap(expr);
    if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) mark(el, kind);
      return;
    }
    const v = values.valueOf(e);
    const node = v?.kind === 'instance' ? v.cls : v?.kind === 'class' || v?.kind === 'object' || v?.kind === 'function' ? v.node : undefined;
    if (!node) return;
    const kinds = used.get(node);
    if (kinds) kinds.add(kind);
    else used.set(node, new Set([kind]));
  };
  for (const idx of indexes) {
    for (const call of [...idx.calls, ...idx.news]) {
      const name = calleeName(call);
      const first = call.arguments?.[0];
      if (!name || !first) continue;
      for (const [re, kind] of CALL_ARGUMENT) if (re.test(name)) mark(first, kind);
      // configuration objects handed to a call: `new NodeSDK({ textMapPropagator: p })`
      for (const arg of call.arguments ?? []) {
        const a = unwrap(arg);
        if (!ts.isObjectLiteralExpression(a)) continue;
        for (const p of a.properties) {
          if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
          const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
          const kind = key === undefined ? undefined : CONFIG_KEYS.get(key);
          if (kind) mark(ts.isPropertyAssignment(p) ? p.initializer : p.name, kind);
        }
      }
    }
  }
  return used;
}
