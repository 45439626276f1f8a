// Checks every otel-audit HTML page (scan, diff, vet) must pass, without a browser: self-contained
// (nothing fetched), every internal reference resolves, ids are unique, and the data blocks parse.
import assert from 'node:assert/strict';

/** the text of the `<script type="application/json" id="…">` block, parsed */
export function dataBlock(html: string, id: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  assert.ok(m, `data block #${id}`);
  return JSON.parse(m[1]!);
}

/** the page without its inline scripts: what the HTML parser reads as markup */
export const markup = (html: string): string => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');

/** A page that fetches nothing: no URL in a src or href of script, link or img (or anywhere), no external script, a CSP. */
export function assertSelfContained(html: string): void {
  const page = markup(html);
  assert.doesNotMatch(page, /<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i, 'no remote src/href on script, link or img');
  assert.doesNotMatch(page, /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i, 'no remote src/href at all');
  assert.doesNotMatch(page, /<script\b[^>]*\bsrc\s*=/i, 'no external script');
  assert.doesNotMatch(page, /<link\b/i, 'no linked stylesheet');
  assert.doesNotMatch(page, /@import|url\(\s*["']?https?:/i);
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  // the data block, the graph sources, viz.js (when given) and the page script: nothing else
  assert.ok((html.match(/<\/script/gi)?.length ?? 0) <= 4);
  for (const block of html.match(/<script type="application\/json"[^>]*>[^<]*/g) ?? []) {
    assert.doesNotMatch(block.slice(block.indexOf('>') + 1), /[<>&\u2028\u2029]/, 'JSON data escaped for a script element');
  }
}

/** Unique ids; every #link, aria-labelledby, label for, data-graph, filter form and skip target resolves. */
export function assertWellLinked(html: string): void {
  const page = markup(html);
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  for (const id of ids) {
    assert.ok(!seen.has(id), `duplicate id ${id}`);
    seen.add(id);
  }
  for (const [, ref] of page.matchAll(/\shref="#([^"]*)"/g)) assert.ok(seen.has(ref!), `href #${ref} has a target`);
  for (const [, ref] of page.matchAll(/\s(?:aria-labelledby|for)="([^"]+)"/g)) assert.ok(seen.has(ref!), `${ref} exists`);
  for (const [, ref] of page.matchAll(/\sdata-(?:filter-form|status|none|focus)="([^"]+)"/g)) assert.ok(seen.has(ref!), `${ref} exists`);
  const graphs = dataBlock(html, 'graph-data') as Record<string, string>;
  const containers = [...page.matchAll(/\sdata-graph="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual([...containers].sort(), Object.keys(graphs).sort(), 'one DOT source per graph container');
}
