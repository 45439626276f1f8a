// How often a diagnostics_channel subscriber runs is how often the package publishes its channel. A
// subscriber of a channel that the package publishes only from set-up code (`ci:jest:modified-files`,
// asked once per test session by the session wrapper) is a set-up hook, whatever its name says.
//
// "Only from set-up code" has to hold for every publication, and the call graph alone is not enough to
// say so: a function it reaches only from set-up hooks may still be called per request through a call it
// does not resolve (`this.tracer.startSpan(…)`). So each place that publishes must sit in a function the
// reach puts at set-up, outside any loop (a session wrapper publishing once per test file is per test),
// and every mention of that function — and of the functions calling it, up to a set-up hook — must be a
// call or a callback from set-up code too. Anything else (the channel stored in an object, a name built
// at run time that could be this one, a function referenced some other way, a listener or timer
// callback) leaves the subscriber per call.
import { ts } from '../util/ts.cjs';
import type { CallSites } from './call-sites.js';
import { constantString } from './context.js';
import { calledName } from './function-name.js';
import { memberName, unwrap } from './module-ref.js';
import { ONCE, type LevelReached } from './per-call-reach.js';
import type { GraphNode } from './reach.js';
import { callTakingFunction, enclosingFunction, handedForm, resolveIdentifier, type FunctionNode } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';

/** What the decision needs of a hook. */
export interface ChannelHook {
  kind: string;
  target: string;
  site: ts.Node;
  fns: readonly GraphNode[];
  hookFrequency: 'per-call' | 'set-up';
}

/** Methods of a channel that do not publish. */
const NOT_PUBLISHING = new Set(['subscribe', 'unsubscribe', 'bindStore', 'unbindStore', 'hasSubscribers']);
/** Callbacks handed to these run per element or per event, not once per call of the function handing them. */
const REPEATING = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'sort',
  'on',
  'addListener',
  'prependListener',
  'subscribe',
  'setInterval',
  'addEventListener',
]);
/** How many callers up a function's set-up-only status is checked. */
const MAX_CALLER_DEPTH = 8;

/** `ci:${this.constructor.id}:modified-files` → /^ci:.+:modified-files$/ and its longest literal piece; a plain name → itself. */
function channelPattern(target: string): { re: RegExp; piece: string; exact: boolean } | undefined {
  const text = target.startsWith('`') && target.endsWith('`') ? target.slice(1, -1) : target;
  const pieces = text.split(/\$\{[^}]*\}/);
  const piece = pieces.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (piece.length < 4) return undefined; // `${prefix}:${name}` could be any channel
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { re: new RegExp(`^${pieces.map(escape).join('.+')}$`), piece, exact: pieces.length === 1 };
}

function inLoop(node: ts.Node, fn: ts.Node | undefined): boolean {
  for (let n = node.parent; n && n !== fn; n = n.parent) if (ts.isIterationStatement(n, false)) return true;
  return false;
}

/**
 * The call a function expression is handed to (scope.ts's callTakingFunction), also as a callback in an
 * options object (`ch.runStores({ onDone: (r) => … }, fn)`), or the `new Promise(executor)` that runs it at once.
 */
function callTaking(fn: ts.Node): ts.CallExpression | ts.NewExpression | undefined {
  const direct = callTakingFunction(fn);
  if (direct) return direct;
  const n = handedForm(fn);
  if (ts.isPropertyAssignment(n.parent) && n.parent.initializer === n && ts.isObjectLiteralExpression(n.parent.parent)) {
    const options = n.parent.parent;
    return ts.isCallExpression(options.parent) && options.parent.arguments.includes(options) ? options.parent : undefined;
  }
  const call = n.parent;
  if (ts.isNewExpression(call) && call.arguments?.[0] === n) {
    const callee = unwrap(call.expression);
    return ts.isIdentifier(callee) && callee.text === 'Promise' && resolveIdentifier(callee) === undefined ? call : undefined;
  }
  return undefined;
}

/** distinct names mentions looks for by text before it indexes every identifier of the package */
const MENTION_SCANS = 8;

interface NamedArgument {
  call: ts.CallExpression;
  i: number;
  /** the constant value, else the argument's source text */
  text: string;
  name: string | undefined;
}

interface NamedArguments {
  all: NamedArgument[];
  byName: Map<string, NamedArgument[]>;
  /** the arguments without a constant value (built at run time) */
  built: NamedArgument[];
}

export class ChannelPublishers {
  private readonly identifiers = new Map<ts.SourceFile, Map<string, ts.Identifier[]>>();
  private readonly setUpOnlyMemo = new Map<ts.Node, boolean>();
  private readonly hookOf = new Map<GraphNode, ChannelHook[]>();

  constructor(
    private readonly indexes: readonly SyntaxIndex[],
    private readonly callSites: CallSites,
    private readonly reached: ReadonlyMap<GraphNode, LevelReached<unknown>>,
    hooks: readonly ChannelHook[],
    /** is this call behind a once-guard in that function (FrequencyRules) */
    private readonly onceAt: (node: ts.Node, fn: FunctionNode) => boolean = () => false,
  ) {
    for (const h of hooks) for (const fn of h.fns) this.hookOf.set(fn, [...(this.hookOf.get(fn) ?? []), h]);
  }

  /**
   * Why a per-call subscriber hook runs only at set-up (its channel published only from set-up code), or
   * undefined. `subscriptions`: the sites of the package's subscriptions (they name the channel too).
   */
  setUpReason(hook: ChannelHook, subscriptions: ReadonlySet<ts.Node>): string | undefined {
    if (hook.kind !== 'diagnostics-channel' || hook.hookFrequency !== 'per-call') return undefined;
    // a tracing channel's events (`name:start`) are published with it: judge by the channel's name
    const channel = hook.target.replace(/:(start|end|asyncStart|asyncEnd|error)$/, '');
    // asked once per channel: a tracing channel's five events, and every subscription to one channel,
    // get the same answer (dd-trace: hundreds of hooks, thousands of string arguments each time)
    if (this.reasons.has(channel)) return this.reasons.get(channel);
    const reason = this.channelReason(hook, channel, subscriptions);
    this.reasons.set(channel, reason);
    return reason;
  }

  private readonly reasons = new Map<string, string | undefined>();

  private channelReason(hook: ChannelHook, channel: string, subscriptions: ReadonlySet<ts.Node>): string | undefined {
    const pattern = channelPattern(channel);
    if (!pattern) return undefined;
    const holders: ts.Node[] = [];
    const named = this.namedArguments();
    // a channel named in full (no `${…}`): only the arguments naming exactly it, and those built at run time
    const candidates = pattern.exact ? [...(named.byName.get(pattern.piece) ?? []), ...named.built] : named.all;
    for (const { call, i, text, name } of candidates) {
      // the longest literal piece is in every name the pattern matches: a cheap test before the pattern's
      if (!text.includes(pattern.piece) || (name !== undefined && !pattern.re.test(name)) || subscriptions.has(call)) continue;
      const callee = unwrap(call.expression);
      const made = ts.isIdentifier(callee) ? callee.text : memberName(callee);
      // the channel is made here: `channel('ci:jest:modified-files')`, held in a constant
      if (name === undefined || i !== 0 || (made !== 'channel' && made !== 'tracingChannel')) return this.refuse(hook, `named by ${call.getText().slice(0, 80)}`);
      holders.push(call);
    }
    if (holders.length === 0) return undefined;
    let publications = 0;
    for (const made of holders) {
      const decl = made.parent;
      if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || decl.initializer !== made) {
        // published where it is made: `channel(name).publish(…)`
        if (!ts.isPropertyAccessExpression(made.parent) || !ts.isCallExpression(made.parent.parent) || !this.publishesOnce(made.parent.parent))
          return this.refuse(hook, `made and used at ${where(made)}`);
        publications++;
        continue;
      }
      // the constant and any binding of the same name elsewhere (its importers): every use must publish once at set-up
      for (const id of this.mentions(decl.name.text)) {
        const use = this.useOf(id);
        if (use === 'ignore') continue;
        if (use === undefined || !this.publishesOnce(use)) return this.refuse(hook, `${id.text} used at ${where(id)}${use === undefined ? '' : ' not only at set-up'}`);
        publications++;
      }
    }
    return publications > 0 ? `runs per message published on the channel, which the package publishes only from set-up code (${publications} place${publications === 1 ? '' : 's'})` : undefined;
  }

  private named: NamedArguments | undefined;

  /**
   * Every argument of the package's calls that is a string or builds one (`'a:b'`, `` `a:${x}` ``, `'a:' + x`),
   * once per package: all of them, those with a constant value by that value, and the others.
   */
  private namedArguments(): NamedArguments {
    if (this.named) return this.named;
    const named: NamedArguments = { all: [], byName: new Map(), built: [] };
    for (const idx of this.indexes) {
      for (const call of idx.calls) {
        call.arguments.forEach((arg, i) => {
          const e = unwrap(arg);
          if (!ts.isStringLiteralLike(e) && !ts.isTemplateExpression(e) && !(ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)) return;
          const name = constantString(arg);
          const entry = { call, i, text: name ?? arg.getText(), name };
          named.all.push(entry);
          if (name === undefined) named.built.push(entry);
          else {
            const same = named.byName.get(name);
            if (same) same.push(entry);
            else named.byName.set(name, [entry]);
          }
        });
      }
    }
    this.named = named;
    return named;
  }

  /** Why a channel stays per call, when OTEL_AUDIT_DEBUG_CHANNELS is set (for reading a package's channels by hand). */
  private refuse(hook: ChannelHook, why: string): undefined {
    if (process.env.OTEL_AUDIT_DEBUG_CHANNELS) console.error(`channel ${hook.target}: per call, ${why}`);
    return undefined;
  }

  private readonly mentioned = new Map<string, ts.Identifier[]>();
  /** every identifier of the package's files by its text, once many names were asked for (see mentions) */
  private everyIdentifier: Map<string, ts.Identifier[]> | undefined;

  /**
   * Identifiers with this text in the package's files that mention it, once per name. The first few names
   * are looked for in the files whose text contains them; past MENTION_SCANS the package's identifiers are
   * indexed in one walk (dd-trace asks for hundreds of channel constants: a text search of its 6 MB each).
   */
  private mentions(name: string): ts.Identifier[] {
    const known = this.mentioned.get(name);
    if (known) return known;
    if (this.mentioned.size >= MENTION_SCANS) return (this.everyIdentifier ??= this.indexIdentifiers()).get(name) ?? [];
    const out: ts.Identifier[] = [];
    this.mentioned.set(name, out);
    for (const sf of this.files()) if (sf.text.includes(name)) out.push(...(this.identifiersOf(sf).get(name) ?? []));
    return out;
  }

  /** The package's files, in the indexes' order (each index's file, when it has a call or a `new` to tell it by). */
  private files(): ts.SourceFile[] {
    const out: ts.SourceFile[] = [];
    for (const idx of this.indexes) {
      const sf = idx.calls[0]?.getSourceFile() ?? idx.news[0]?.getSourceFile();
      if (sf) out.push(sf);
    }
    return out;
  }

  private indexIdentifiers(): Map<string, ts.Identifier[]> {
    const all = new Map<string, ts.Identifier[]>();
    for (const sf of this.files()) {
      for (const [text, ids] of this.identifiersOf(sf)) {
        const same = all.get(text);
        if (same) same.push(...ids);
        else all.set(text, [...ids]);
      }
    }
    return all;
  }

  private identifiersOf(sf: ts.SourceFile): Map<string, ts.Identifier[]> {
    let byName = this.identifiers.get(sf);
    if (byName) return byName;
    byName = new Map();
    const map = byName;
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) {
        const same = map.get(n.text);
        if (same) same.push(n);
        else map.set(n.text, [n]);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    this.identifiers.set(sf, byName);
    return byName;
  }

  /**
   * What a mention of the channel's constant does: 'ignore' for its declarations, exports, property
   * names and the channel's non-publishing members; the call that publishes it (`ch.publish(…)`,
   * `ch.runStores(…)`, `getChannelPromise(ch)`); undefined for anything else.
   */
  private useOf(id: ts.Identifier): ts.CallExpression | 'ignore' | undefined {
    const p = id.parent;
    if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p)) && p.name === id) return 'ignore';
    if (ts.isBindingElement(p) && p.propertyName === id) return 'ignore';
    if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id)) return 'ignore';
    // `module.exports = { ch }`, `exports.ch = ch`: its importers are mentions of the same name
    if (ts.isShorthandPropertyAssignment(p) && isExportObject(p.parent)) return 'ignore';
    if (ts.isBinaryExpression(p) && p.right === id && isExportTarget(p.left)) return 'ignore';
    if (ts.isPropertyAccessExpression(p) && p.expression === id) {
      if (NOT_PUBLISHING.has(p.name.text)) return 'ignore';
      // `ch.publish(…)`, `ch.start.publish(…)` (a tracing channel's events)
      let call: ts.Node = p;
      while (ts.isPropertyAccessExpression(call.parent) && call.parent.expression === call) call = call.parent;
      return ts.isCallExpression(call.parent) && call.parent.expression === call ? call.parent : undefined;
    }
    // handed to a helper that publishes it: `getChannelPromise(ch)`
    if (ts.isCallExpression(p) && p.arguments.includes(id)) return p;
    return undefined;
  }

  /** A call that runs once per call of a function that runs only at set-up. */
  private publishesOnce(call: ts.CallExpression): boolean {
    const fn = enclosingFunction(call);
    return fn !== undefined && !inLoop(call, fn) && this.setUpOnly(fn, 0);
  }

  /** Does `fn` run only from set-up code (or once): the reach says so, and so does every mention of it, up to a set-up hook? */
  private setUpOnly(fn: FunctionNode, depth: number): boolean {
    const known = this.setUpOnlyMemo.get(fn);
    if (known !== undefined) return known;
    const hooks = this.hookOf.get(fn);
    if (hooks) return hooks.every((h) => h.hookFrequency === 'set-up');
    const level = this.reached.get(fn)?.level;
    if (level === undefined || level < ONCE || depth > MAX_CALLER_DEPTH) return false;
    this.setUpOnlyMemo.set(fn, false); // a cycle proves nothing
    const calls = this.callersOf(fn);
    // once: the reach found every call it resolves behind a once-guard; the others must come from set-up code
    const resolved = level === ONCE ? new Set<ts.Node>(this.callSites.of(fn)) : new Set<ts.Node>();
    const ok =
      calls !== undefined &&
      calls.length > 0 &&
      calls.every((c) => {
        if (resolved.has(c)) return true;
        const name = memberName(unwrap(c.expression));
        if (name !== undefined && REPEATING.has(name) && !isCallee(c, fn)) return false;
        const around = enclosingFunction(c);
        if (around === undefined) return true; // module top level: once, at load
        // behind a once-guard of the function around it (`if (state.initializing) return; state.initializing = true; …`)
        if (around !== fn && this.onceAt(c, around)) return true;
        return around === fn || (!inLoop(c, around) && this.setUpOnly(around, depth + 1));
      });
    this.setUpOnlyMemo.set(fn, ok);
    return ok;
  }

  /** The calls that run or take `fn`, when every mention of it is one of them; else undefined. */
  private callersOf(fn: FunctionNode): Array<ts.CallExpression | ts.NewExpression> | undefined {
    if (!ts.isFunctionDeclaration(fn) && !isNamedByVariable(fn)) {
      const call = callTaking(fn);
      return call ? [call] : undefined;
    }
    const name = calledName(fn);
    const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
    if (!name) return undefined;
    const out: Array<ts.CallExpression | ts.NewExpression> = [];
    for (const id of this.identifiersOf(fn.getSourceFile()).get(name) ?? []) {
      if (id.parent === decl) continue;
      if (resolveIdentifier(id) !== decl) continue;
      const p = id.parent;
      if (ts.isCallExpression(p) && (p.expression === id || p.arguments.includes(id))) out.push(p);
      else return undefined; // exported, stored, or handed on some other way
    }
    // the package's other files calling it by name (after a require): each is a caller to judge too
    for (const c of this.callSites.callsNamed(name)) if (c.getSourceFile() !== fn.getSourceFile() && ts.isCallExpression(c)) out.push(c);
    return out;
  }
}

function where(n: ts.Node): string {
  const sf = n.getSourceFile();
  return `${sf.fileName.split('/').slice(-2).join('/')}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
}

function isCallee(call: ts.CallExpression | ts.NewExpression, fn: FunctionNode): boolean {
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) && callee.text === calledName(fn);
}

/** `const f = () => {…}` / `const f = function () {…}`: a function known by the variable that holds it. */
function isNamedByVariable(fn: FunctionNode): boolean {
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn && ts.isIdentifier(fn.parent.name);
}

function isExportObject(n: ts.Node): boolean {
  return ts.isObjectLiteralExpression(n) && ts.isBinaryExpression(n.parent) && n.parent.right === n && isExportTarget(n.parent.left);
}

function isExportTarget(e: ts.Expression): boolean {
  const t = unwrap(e);
  if (!ts.isPropertyAccessExpression(t)) return false;
  const base = unwrap(t.expression);
  return (ts.isIdentifier(base) && (base.text === 'exports' || base.text === 'module')) || (ts.isPropertyAccessExpression(base) && base.name.text === 'exports');
}
