// `npm run docs:rules`: rewrites the rule table in audits/README.md from the registry and the rules'
// docs. Run it after adding or changing a rule; test/audits/registry.test.ts says when it is due.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { audits } from '../../audits/index.js';
import { docSummary, rulesTable, withRulesTable } from './rules-table.js';

// this file runs as dist/src/dev/docs-rules.js: the repository root is three levels up
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** audits/README.md as it should read: the committed text with a fresh table. */
export function generatedReadme(root: string = ROOT): string {
  const summaries = new Map<string, string>();
  for (const a of audits) {
    const summary = docSummary(readFileSync(`${root}audits/docs/${a.id}.md`, 'utf8'));
    if (summary === undefined) throw new Error(`audits/docs/${a.id}.md has no **Summary:** line`);
    summaries.set(a.id, summary);
  }
  return withRulesTable(readFileSync(`${root}audits/README.md`, 'utf8'), rulesTable(audits, summaries));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = `${ROOT}audits/README.md`;
  const next = generatedReadme();
  const changed = next !== readFileSync(file, 'utf8');
  if (changed) writeFileSync(file, next);
  process.stdout.write(`audits/README.md: ${changed ? 'rule table rewritten' : 'rule table up to date'}\n`);
}
