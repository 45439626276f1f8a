// What a case measures, as two calls — the plain one and the hooked one — and how to switch between
// the states they need (provider sampled or not; a diagnostics channel subscribed or not). One maker
// per kind of hook: wrapped members, diagnostics channels, SDK component methods.
import dc from 'node:diagnostics_channel';
import { createFunctionMock, createObjectMock, mockInfo, setStubStyle, type CallStyle } from './auto-mock.js';
import type { CaseSpec, ChannelCase, NestedStep, ScenarioCase, SdkCase, SpanNeed, WrapCase } from '../protocol/child-protocol.js';
import type { AnyClass } from './find-classes.js';
import type { WrappedMember } from './find-wrapped.js';
import { inParentSpan } from './in-parent-span.js';
import { construct, type InstrumentationLike } from './instrumentation-like.js';
import { classResolver, drivenConfig, drivenShape, needsParentSpan, type ClassResolver } from './drive.js';
import { makeCall, shapeFor, type Call } from './invoke.js';
import type { LoadedPackage } from './load-package.js';
import { patchDefinition } from './patch-definition.js';
import { reachNested } from './reach-nested.js';
import { constructComponent, methodCall } from './sdk-component.js';
import type { Tracing } from './tracing.js';

type Fn = (...args: unknown[]) => unknown;

export interface Subject {
  /** probe the call styles (wrapped members), or call as is (channels, SDK methods) */
  probe: boolean;
  /** measure an AlwaysOff run too (not for SDK methods: unsampled spans never reach them) */
  unsampled: boolean;
  /** spans per call by definition (SDK methods: one call is one span), else counted */
  fixedSpansPerCall: number | null;
  calls(style: CallStyle): { plain: Call; hooked: Call };
  enterPlain(): void;
  enterHooked(sampled: boolean): void;
  /**
   * What the calls built from now on give the hook on its way to a span start (drive.ts); [] restores
   * the plain mocks. Absent for SDK methods, which get real arguments.
   */
  setDrive?(needs: SpanNeed[]): void;
  /** the hooked function's declared parameters (its `length`) and how many arguments a plain call gives it: a drive may give it all */
  arity?: { declared: number; given: number };
}

/** Sets configuration needs on the instance's own config object (InstrumentationBase hands that out), else through setConfig. */
function applyConfig(inst: InstrumentationLike, needs: readonly SpanNeed[]): void {
  if (!needs.some((n) => n.of === 'config') || typeof inst.getConfig !== 'function') return;
  const current = inst.getConfig();
  const config = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
  const driven = drivenConfig(config, needs);
  if (config === current) Object.assign(config, driven);
  else inst.setConfig?.(driven);
}

function useProvider(inst: InstrumentationLike, tracing: Tracing, sampled: boolean): void {
  const p = sampled ? tracing.sampled : tracing.unsampled;
  inst.setTracerProvider(p);
  tracing.useGlobal(p);
}

function syncCall(fn: () => unknown): Call {
  return () => {
    const r = fn();
    return r instanceof Promise
      ? r.then(
          () => undefined,
          () => undefined,
        )
      : undefined;
  };
}

/** The original a wrapper calls: shimmer's `__original`, the stub a replacement took the place of, or the module. */
function originalOf(fn: Fn, owner: object, key: string | undefined, fromReturn: boolean, moduleExports: object): Fn {
  const shimmer = (fn as { __original?: unknown }).__original;
  if (typeof shimmer === 'function') return shimmer as Fn;
  // on a mock, or on an object made from one (an argument whose inherited stub a nested wrapper replaced)
  const stub = key === undefined ? undefined : (mockInfo(owner) ?? mockInfo(Object.getPrototypeOf(owner)))?.stubbed.get(key);
  if (typeof stub === 'function') return stub as Fn;
  if (fromReturn && typeof moduleExports === 'function') return moduleExports as Fn;
  return createFunctionMock('original');
}

/**
 * A case that starts spans only inside an active span (`parentSpan`, found while listing): both its
 * calls run inside a sampled parent span, so that the parent's cost (making a context active) is in
 * both and cancels out. The report says so in the entry's reason (to-benchmark.ts).
 */
function inParent(parentSpan: boolean, c: Call): Call {
  return parentSpan ? () => inParentSpan(c) : c;
}

function wrapSubject(pkg: LoadedPackage, cls: AnyClass, spec: WrapCase, tracing: Tracing): Subject {
  const inst = construct(cls);
  inst.setTracerProvider(tracing.sampled);
  const outcome = patchDefinition(inst, pkg.require, spec.definition, spec.file, spec.version);
  const key = spec.path.join('.');
  const member = outcome.members.find((m) => m.fromReturn === spec.fromReturn && m.path.join('.') === key);
  if (member === undefined) throw new Error(`patching again did not wrap ${spec.target}${outcome.error ? ` (patch threw: ${outcome.error})` : ''}`);
  if (spec.via !== undefined && spec.via.length > 0) return nestedSubject(inst, member, spec.via, spec.parentSpan === true, tracing, classResolver(pkg.require));
  const last = spec.path[spec.path.length - 1];
  const original = originalOf(member.fn, member.owner, last, spec.fromReturn, outcome.target.exports);
  // a prototype method is called on an instance; a module function on its module
  const shape = shapeFor(member.owner, spec.path);
  let needs: SpanNeed[] = [];
  const resolve = classResolver(pkg.require);
  const parentSpan = (): boolean => spec.parentSpan === true || needsParentSpan(needs);
  return {
    probe: true,
    unsampled: true,
    fixedSpansPerCall: null,
    calls: (style) => {
      const driven = drivenShape(shape, needs, resolve);
      return { plain: inParent(parentSpan(), makeCall(original, driven, style)), hooked: inParent(parentSpan(), makeCall(member.fn, driven, style)) };
    },
    enterPlain: () => useProvider(inst, tracing, true),
    enterHooked: (sampled) => useProvider(inst, tracing, sampled),
    setDrive: (n) => {
      needs = n;
      applyConfig(inst, n);
    },
    arity: { declared: member.fn.length, given: shape.args().length },
  };
}

/**
 * Setup calls of a nested case: bounded as in the listing, with more patience for a slow call (this is
 * the case's own process), but short waits for a promise or callback — the first probe call waits for
 * the whole setup within its own timeout (300 ms by default), and a wrapper installed in a `.then` is
 * in place a turn of the event loop after a stub's resolved promise.
 */
const SETUP = { syncMs: 1_000, settleMs: 50 };

/**
 * A wrapper installed per call (find-nested.ts): the setup calls that install it run once, when the
 * subject is made (not timed); its calls wait for them the first time. Then it is timed against its
 * original like any wrapped member, inside an active parent span when it starts spans only there.
 */
function nestedSubject(inst: InstrumentationLike, root: WrappedMember, via: readonly NestedStep[], listedParent: boolean, tracing: Tracing, resolve: ClassResolver): Subject {
  let needs: SpanNeed[] = [];
  const parentSpan = (): boolean => listedParent || needsParentSpan(needs);
  let reached: WrappedMember | undefined;
  let failure: Error | undefined;
  const ready = reachNested(root, via, SETUP).then(
    (m) => {
      reached = m;
    },
    (err: unknown) => {
      failure = err instanceof Error ? err : new Error(String(err));
    },
  );
  const build = (style: CallStyle): { plain: Call; hooked: Call } => {
    if (failure !== undefined) throw failure;
    const m = reached!;
    const original = originalOf(m.fn, m.owner, m.path[m.path.length - 1], false, m.owner);
    const shape = drivenShape(shapeFor(m.owner, m.path), needs, resolve);
    return { plain: inParent(parentSpan(), makeCall(original, shape, style)), hooked: inParent(parentSpan(), makeCall(m.fn, shape, style)) };
  };
  return {
    probe: true,
    unsampled: true,
    fixedSpansPerCall: null,
    calls: (style) => {
      if (reached !== undefined || failure !== undefined) return build(style);
      // asked before the setup finished (the first probe): the first call waits for it, in the probe's stub style
      let built: { plain: Call; hooked: Call } | undefined;
      const lazy =
        (which: 'plain' | 'hooked'): Call =>
        () => {
          if (built !== undefined) return built[which]();
          if (failure !== undefined) throw failure;
          return ready.then(() => {
            setStubStyle(style);
            built = build(style);
            return built[which]();
          });
        };
      return { plain: lazy('plain'), hooked: lazy('hooked') };
    },
    enterPlain: () => useProvider(inst, tracing, true),
    enterHooked: (sampled) => useProvider(inst, tracing, sampled),
    setDrive: (n) => {
      needs = n;
      applyConfig(inst, n);
    },
  };
}

function channelSubject(pkg: LoadedPackage, cls: AnyClass, spec: ChannelCase, tracing: Tracing): Subject {
  const inst = construct(cls);
  const channel = dc.channel(spec.channel);
  const message = createObjectMock('message');
  let enabled = false;
  // the handler's first argument is the message: needs on arg0 are needs on it
  let shape = { receiver: (): unknown => undefined, args: (): unknown[] => [message] };
  let parentSpan = false;
  const publish = (): Call =>
    inParent(
      parentSpan,
      syncCall(() => channel.publish(shape.args()[0])),
    );
  return {
    probe: false,
    unsampled: true,
    fixedSpansPerCall: null,
    calls: () => ({ plain: publish(), hooked: publish() }),
    setDrive: (n) => {
      const base = { receiver: (): unknown => undefined, args: (): unknown[] => [Object.create(message) as unknown] };
      shape =
        n.length === 0
          ? { receiver: base.receiver, args: () => [message] }
          : drivenShape(
              base,
              n.filter((x) => x.of !== 'arg' || x.index === 0),
              classResolver(pkg.require),
            );
      parentSpan = needsParentSpan(n);
      applyConfig(inst, n);
    },
    // plain: the same publish with nobody listening
    enterPlain: () => {
      if (enabled) inst.disable();
      enabled = false;
    },
    enterHooked: (sampled) => {
      useProvider(inst, tracing, sampled);
      if (!enabled) inst.enable();
      enabled = true;
    },
  };
}

function sdkSubject(cls: AnyClass, spec: SdkCase, tracing: Tracing): Subject {
  const call = methodCall(spec.kind, constructComponent(cls, spec.kind), spec.method, tracing);
  return {
    // the arguments are real where the API defines them, mocks elsewhere (a log record): stubs in
    // those follow the call style too (`record.resource.waitForAsyncAttributes().then(…)`)
    probe: true,
    unsampled: false,
    fixedSpansPerCall: 1,
    calls: () => ({ plain: syncCall(call.noop), hooked: syncCall(call.component) }),
    enterPlain: () => undefined,
    enterHooked: () => undefined,
  };
}

export function makeSubject(pkg: LoadedPackage, spec: Exclude<CaseSpec, ScenarioCase>, tracing: Tracing): Subject {
  const cls = pkg.exports[spec.exportName];
  if (typeof cls !== 'function') throw new Error(`${spec.exportName} is no longer exported`);
  const c = cls as AnyClass;
  if (spec.kind === 'wrap') return wrapSubject(pkg, c, spec, tracing);
  if (spec.kind === 'diagnostics-channel') return channelSubject(pkg, c, spec, tracing);
  return sdkSubject(c, spec, tracing);
}
