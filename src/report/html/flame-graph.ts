// A flame graph of a V8 CPU profile as inline SVG, drawn here rather than by a library: one rect per
// call-tree node, as wide as its share of the samples, callers below callees (root at the bottom).
// Pure and deterministic: children in name order, coordinates rounded.
import type { Profiler } from 'node:inspector';
import { shortLocation } from '../../profile/profile.js';
import { escapeHtml } from './escape.js';

const WIDTH = 1000;
const ROW = 18;
/** frames narrower than this (viewBox units) are left out: invisible, and they would bloat the page */
const MIN_WIDTH = 1;
const MAX_DEPTH = 80;

interface Frame {
  x: number;
  width: number;
  depth: number;
  name: string;
  where: string;
  totalPct: number;
  selfPct: number;
  fill: string;
}

export function flameGraphSvg(profile: Profiler.Profile, title: string): string {
  const frames = layout(profile);
  if (frames.length === 0) return '<p>The profile holds no samples.</p>';
  const depth = Math.max(...frames.map((f) => f.depth)) + 1;
  const height = depth * ROW;
  const rects = frames.map((f) => {
    const y = height - (f.depth + 1) * ROW;
    const tip = `${f.name}${f.where ? ` (${f.where})` : ''}: ${f.totalPct.toFixed(2)}% total, ${f.selfPct.toFixed(2)}% self`;
    const chars = Math.floor((f.width - 6) / 6.6);
    const text = chars < 3 ? '' : f.name.length <= chars ? f.name : `${f.name.slice(0, chars - 1)}…`;
    return (
      `<g><title>${escapeHtml(tip)}</title><rect x="${r(f.x)}" y="${y}" width="${r(f.width)}" height="${ROW - 1}" fill="${f.fill}"/>` +
      (text ? `<text x="${r(f.x + 3)}" y="${y + ROW - 5}">${escapeHtml(text)}</text>` : '') +
      '</g>'
    );
  });
  return (
    `<svg class="flame" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(`Flame graph of ${title}`)}" xmlns="http://www.w3.org/2000/svg">` + `${rects.join('')}</svg>`
  );
}

const r = (n: number): string => String(Math.round(n * 100) / 100);

function layout(profile: Profiler.Profile): Frame[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  if (profile.samples && profile.samples.length > 0) for (const s of profile.samples) self.set(s, (self.get(s) ?? 0) + 1);
  else for (const n of profile.nodes) self.set(n.id, n.hitCount ?? 0);
  // children that point nowhere (a malformed profile) are ignored rather than dereferenced
  const kidsOf = (id: number): number[] => (byId.get(id)?.children ?? []).filter((c) => byId.has(c));
  const childIds = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const root = profile.nodes.find((n) => !childIds.has(n.id));
  if (root === undefined) return [];

  // totals bottom-up without recursion: deep profiles would overflow the stack
  const total = new Map<number, number>();
  const order: number[] = [];
  const seen = new Set<number>();
  for (const stack = [root.id]; stack.length > 0;) {
    const id = stack.pop()!;
    if (seen.has(id)) continue; // a malformed profile may share a child: count it once
    seen.add(id);
    order.push(id);
    stack.push(...kidsOf(id));
  }
  for (const id of order.reverse()) {
    const kids = kidsOf(id).filter((c) => total.has(c));
    total.set(id, (self.get(id) ?? 0) + kids.reduce((sum, c) => sum + total.get(c)!, 0));
  }
  const all = total.get(root.id)!;
  if (all === 0) return [];

  const frames: Frame[] = [];
  const pct = (n: number): number => (n / all) * 100;
  for (const stack: Array<{ id: number; x: number; depth: number }> = [{ id: root.id, x: 0, depth: 0 }]; stack.length > 0;) {
    const { id, x, depth } = stack.pop()!;
    const node = byId.get(id)!;
    const width = (total.get(id)! / all) * WIDTH;
    const f = node.callFrame;
    const name = depth === 0 ? `all (${all} samples)` : f.functionName || '(anonymous)';
    frames.push({ x, width, depth, name, where: shortLocation(f.url, f.lineNumber + 1), totalPct: pct(total.get(id)!), selfPct: pct(self.get(id) ?? 0), fill: fill(name, f.url, depth) });
    if (depth + 1 >= MAX_DEPTH) continue;
    let cx = x;
    const kids = kidsOf(id)
      .filter((c) => (total.get(c) ?? 0) > 0)
      .sort((a, b) => compareFrames(byId.get(a)!, byId.get(b)!));
    const placed: Array<{ id: number; x: number; depth: number }> = [];
    for (const c of kids) {
      const w = (total.get(c)! / all) * WIDTH;
      if (w >= MIN_WIDTH) placed.push({ id: c, x: cx, depth: depth + 1 });
      cx += w;
    }
    stack.push(...placed.reverse());
  }
  return frames;
}

function compareFrames(a: Profiler.ProfileNode, b: Profiler.ProfileNode): number {
  const ka = [a.callFrame.functionName, a.callFrame.url];
  const kb = [b.callFrame.functionName, b.callFrame.url];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return a.callFrame.lineNumber - b.callFrame.lineNumber || a.callFrame.columnNumber - b.callFrame.columnNumber || a.id - b.id;
}

/** warm colours for JavaScript (hue from the name, so a function keeps its colour), teal for Node internals, grey for V8's pseudo-frames */
function fill(name: string, url: string, depth: number): string {
  if (depth === 0 || name.startsWith('(')) return '#cbd5e1';
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  if (url.startsWith('node:')) return `hsl(${170 + (h % 20)}, 45%, 70%)`;
  return `hsl(${h % 50}, 85%, ${62 + (h % 10)}%)`;
}
