// `--profile DIR`: a V8 CPU profile of a hook called in a loop, in the current process (node:inspector),
// and the two views that find a per-call bug: a profiler-like top-N self-time table, and a call graph
// in Graphviz like gprof2dot draws it (the view that found the original version-lookup bug).
// Everything derived from the profile is a pure function of it, so the same profile gives the same text.
import { mkdir, writeFile } from 'node:fs/promises';
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProfileOptions {
  /** calls of `run`; with durationMs as well, whichever limit is reached first ends the run */
  iterations?: number;
  /** run for this long (default 1000 ms when neither limit is given) */
  durationMs?: number;
  /** rows of the self-time table (default 20) */
  topN?: number;
  /** V8's sampling interval, µs (default 100; V8's own default of 1000 misses short hooks) */
  samplingIntervalUs?: number;
  /** graph nodes below this total % are pruned (default 0.5) */
  nodeThresholdPct?: number;
  /** graph edges below this % of samples are pruned (default 0.1) */
  edgeThresholdPct?: number;
}

export interface TopEntry {
  /** function name as V8 reports it; `(anonymous)` for unnamed functions */
  function: string;
  /** script URL (`file:///…`, `node:fs`), empty for native code and V8's pseudo-frames */
  url: string;
  /** 1-based; 0 when unknown */
  line: number;
  selfPct: number;
  totalPct: number;
  selfSamples: number;
}

export interface ProfileResult {
  /** the raw profile: save as .cpuprofile to open it in Chrome DevTools or speedscope */
  cpuprofile: Profiler.Profile;
  top: TopEntry[];
  dot: string;
  /** calls of `run` made while profiling */
  calls: number;
  samples: number;
  durationMs: number;
}

/** Profiles `run` called repeatedly (awaited when it returns a promise). One profile at a time per process. */
export async function profileCalls(run: () => unknown, options: ProfileOptions = {}): Promise<ProfileResult> {
  const iterations = options.iterations ?? Infinity;
  const durationMs = options.durationMs ?? (options.iterations === undefined ? 1000 : Infinity);
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: options.samplingIntervalUs ?? 100 });
    await session.post('Profiler.start');
    const start = performance.now();
    let calls = 0;
    let profile: Profiler.Profile;
    try {
      while (calls < iterations && (calls === 0 || performance.now() - start < durationMs)) {
        const r = run();
        if (isThenable(r)) await r;
        calls++;
      }
    } finally {
      // stopped on a throw too: a profiler left running would slow everything after it
      profile = (await session.post('Profiler.stop')).profile;
    }
    const elapsed = performance.now() - start;
    await session.post('Profiler.disable');
    return { cpuprofile: profile, ...analyseProfile(profile, options), calls, samples: profile.samples?.length ?? 0, durationMs: Math.round(elapsed) };
  } finally {
    session.disconnect();
  }
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as PromiseLike<unknown> | null)?.then === 'function';

interface FnStats {
  key: string;
  name: string;
  url: string;
  line: number;
  self: number;
  total: number;
  /** entries seen between samples: a lower bound of the calls */
  calls: number;
}

interface EdgeStats {
  from: string;
  to: string;
  samples: number;
  calls: number;
}

/** The table and the graph of a profile (pure; exported for tests and for profiles loaded from disk). */
export function analyseProfile(profile: Profiler.Profile, options: Pick<ProfileOptions, 'topN' | 'nodeThresholdPct' | 'edgeThresholdPct'> = {}): { top: TopEntry[]; dot: string } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number): string => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName}\0${f.url}\0${f.lineNumber}\0${f.columnNumber}`;
  };
  const isRoot = (id: number): boolean => !parent.has(id);
  /** node ids from the node up to (not including) the root */
  const pathOf = (id: number): number[] => {
    const out: number[] = [];
    for (let at: number | undefined = id; at !== undefined && !isRoot(at); at = parent.get(at)) out.push(at);
    return out;
  };

  const fns = new Map<string, FnStats>();
  const fn = (id: number): FnStats => {
    const key = keyOf(id);
    let s = fns.get(key);
    if (!s) {
      const f = byId.get(id)!.callFrame;
      s = { key, name: f.functionName || '(anonymous)', url: f.url, line: f.lineNumber >= 0 ? f.lineNumber + 1 : 0, self: 0, total: 0, calls: 0 };
      fns.set(key, s);
    }
    return s;
  };
  const edges = new Map<string, EdgeStats>();
  const edge = (child: number): EdgeStats | undefined => {
    const p = parent.get(child);
    if (p === undefined || isRoot(p)) return undefined;
    const from = keyOf(p);
    const to = keyOf(child);
    const k = `${from}\u0001${to}`;
    let e = edges.get(k);
    if (!e) edges.set(k, (e = { from, to, samples: 0, calls: 0 }));
    return e;
  };

  const samples = profile.samples ?? [];
  let previous = new Set<number>();
  for (const id of samples) {
    const nodes = pathOf(id);
    if (nodes.length > 0) fn(id).self++;
    // a function (or edge) counts once per sample however deep it recurses
    const seenFns = new Set<string>();
    const seenEdges = new Set<EdgeStats>();
    for (const n of nodes) {
      const s = fn(n);
      if (!seenFns.has(s.key)) {
        seenFns.add(s.key);
        s.total++;
      }
      const e = edge(n);
      if (e && !seenEdges.has(e)) {
        seenEdges.add(e);
        e.samples++;
      }
      // a tree node absent from the previous sample's stack was entered since: one more call
      if (!previous.has(n)) {
        s.calls++;
        if (e) e.calls++;
      }
    }
    // GC, idle and program samples hang off the root: they interrupt a call, they do not end it
    const pseudo = nodes.length === 1 && byId.get(id)!.callFrame.functionName.startsWith('(');
    if (!pseudo) previous = new Set(nodes);
  }

  const count = samples.length || 1;
  const pct = (n: number): number => Math.round((n / count) * 10000) / 100;
  const order = (a: FnStats, b: FnStats): number => b.self - a.self || b.total - a.total || cmp(a.name, b.name) || cmp(a.url, b.url) || a.line - b.line || cmp(a.key, b.key);
  const top = [...fns.values()]
    .filter((s) => s.self > 0)
    .sort(order)
    .slice(0, options.topN ?? 20)
    .map((s) => ({ function: s.name, url: s.url, line: s.line, selfPct: pct(s.self), totalPct: pct(s.total), selfSamples: s.self }));
  const dot = renderDot([...fns.values()], [...edges.values()], count, options);
  return { top, dot };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A file path relative to the working directory when it is inside it; URLs of other kinds as they are. */
export function shortLocation(url: string, line: number): string {
  if (url === '') return '';
  let where = url;
  if (url.startsWith('file://')) {
    const file = fileURLToPath(url);
    const rel = path.relative(process.cwd(), file);
    where = rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  }
  return line > 0 ? `${where}:${line}` : where;
}

function renderDot(fns: FnStats[], edges: EdgeStats[], count: number, options: Pick<ProfileOptions, 'nodeThresholdPct' | 'edgeThresholdPct'>): string {
  const nodeMin = options.nodeThresholdPct ?? 0.5;
  const edgeMin = options.edgeThresholdPct ?? 0.1;
  const p = (n: number): number => (n / count) * 100;
  const kept = fns
    .filter((s) => s.total > 0 && p(s.total) >= nodeMin)
    .sort((a, b) => b.total - a.total || b.self - a.self || cmp(a.name, b.name) || cmp(a.url, b.url) || a.line - b.line || cmp(a.key, b.key));
  const ids = new Map(kept.map((s, i) => [s.key, `n${i}`]));
  const out = [
    'digraph profile {',
    '  graph [fontname=Arial, nodesep=0.125, ranksep=0.25];',
    '  node [fontcolor=white, fontname=Arial, height=0, shape=box, style=filled, width=0];',
    '  edge [fontname=Arial];',
  ];
  for (const s of kept) {
    const where = shortLocation(s.url, s.line);
    const label = [s.name, ...(where ? [where] : []), `${p(s.total).toFixed(2)}%`, `(${p(s.self).toFixed(2)}%)`, `${s.calls}×`].map(escape).join('\\n');
    const color = temperature(p(s.total) / 100);
    out.push(`  ${ids.get(s.key)} [color="${color}", fontcolor="#ffffff", fontsize="10.00", label="${label}"];`);
  }
  const shown = edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && p(e.samples) >= edgeMin)
    .map((e) => ({ e, from: Number(ids.get(e.from)!.slice(1)), to: Number(ids.get(e.to)!.slice(1)) }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (const { e, from, to } of shown) {
    const w = p(e.samples) / 100;
    const pen = Math.max(0.5, w * 8).toFixed(2);
    out.push(
      `  n${from} -> n${to} [arrowsize="${Math.max(0.35, Math.sqrt(w * 8) * 0.5).toFixed(2)}", color="${temperature(w)}", fontsize="10.00", label="${p(e.samples).toFixed(2)}%\\n${e.calls}×", labeldistance="${pen}", penwidth="${pen}"];`,
    );
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

const escape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** gprof2dot's colour scale: blue for cold, through green and yellow, to red for hot (weight 0..1). */
function temperature(weight: number): string {
  const w = Math.min(1, Math.max(0, weight));
  const h = (2 / 3) * (1 - w);
  const s = 0.8 + 0.2 * w;
  const l = 0.45 - 0.15 * w;
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return `#${[f(0), f(8), f(4)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The self-time table as text, like a profiler's top view. */
export function renderTop(result: Pick<ProfileResult, 'top' | 'calls' | 'samples' | 'durationMs'>): string {
  const rows = [['self%', 'total%', 'samples', 'function', 'location']];
  for (const t of result.top) rows.push([t.selfPct.toFixed(2), t.totalPct.toFixed(2), String(t.selfSamples), t.function, shortLocation(t.url, t.line)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => (i < 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  return `# ${result.calls} calls, ${result.samples} samples in ${result.durationMs} ms\n${lines.join('\n')}\n`;
}

/** A name safe as a file name on every platform: hook ids hold `:`, `/`, `*`, spaces … */
export function safeFileName(name: string): string {
  const s = name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[.]+/, '_')
    .slice(0, 120);
  return s === '' ? 'profile' : s;
}

/** Writes `<name>.cpuprofile`, `<name>.top.txt` and `<name>.dot` into `dir` (created when missing). */
export async function writeProfile(dir: string, name: string, result: ProfileResult): Promise<{ cpuprofile: string; top: string; dot: string }> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, safeFileName(name));
  const files = { cpuprofile: `${base}.cpuprofile`, top: `${base}.top.txt`, dot: `${base}.dot` };
  await writeFile(files.cpuprofile, JSON.stringify(result.cpuprofile));
  await writeFile(files.top, renderTop(result));
  await writeFile(files.dot, result.dot);
  return files;
}
