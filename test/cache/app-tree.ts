// The small app tree the result-cache tests scan, and how they look into a cache folder.
import fs from 'node:fs';
import path from 'node:path';
import { makeTree } from '../discover/make-tree.js';

const INSTR = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');`;

/** Two instrumentations; instr-a's hook calls into dep-d (its per-call read is in dep-d), instr-b's into dep-e. */
export function appTree(): string {
  const instr = (name: string, dep: string): Record<string, string | object> => ({
    [`node_modules/${name}/package.json`]: { name, version: '1.0.0', main: 'index.js', dependencies: { [dep]: '1.0.0' } },
    [`node_modules/${name}/index.js`]: `${INSTR}
const { helper } = require('${dep}');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('pg', ['*'], (m) => { this._wrap(m.Client.prototype, 'query', (original) => function patched(...args) { helper(); return original.apply(this, args); }); return m; }); }
}
module.exports = { I };
`,
  });
  const dep = (name: string): Record<string, string | object> => ({
    [`node_modules/${name}/package.json`]: { name, version: '1.0.0', main: 'lib/index.js' },
    [`node_modules/${name}/lib/index.js`]: `const fs = require('fs');\nexports.helper = function helper() { return fs.readFileSync('/etc/hostname', 'utf8'); };\n`,
  });
  return makeTree({ ...instr('instr-a', 'dep-d'), ...instr('instr-b', 'dep-e'), ...dep('dep-d'), ...dep('dep-e') });
}

export const instrPaths = (root: string): string[] => [path.join(root, 'node_modules/instr-a'), path.join(root, 'node_modules/instr-b')];

/** The entry files under a cache folder, sorted. */
export function listEntries(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.json.gz')) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}
