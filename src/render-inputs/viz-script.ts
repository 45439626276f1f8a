// The browser build of @viz-js/viz (Graphviz compiled to WebAssembly, the module embedded in the
// script), read from node_modules once per process and inlined into every HTML report so the page
// draws its graphs offline. Kept out of the renderer, which takes the text as an input.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let cached: string | undefined;

export function loadVizScript(): string {
  if (cached === undefined) {
    // The package's `exports` map hides dist/viz-global.js (the build that sets `globalThis.Viz`):
    // resolve the entry it does export and take the file beside it.
    const entry = createRequire(import.meta.url).resolve('@viz-js/viz');
    cached = readFileSync(path.join(path.dirname(entry), 'viz-global.js'), 'utf8');
  }
  return cached;
}
