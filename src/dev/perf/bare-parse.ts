// The baseline of `npm run bench:scan`: the TypeScript parser alone (setParentNodes, as the scanner
// needs parents) on exactly the files a scan analysed, read from a list file (one absolute path a line).
// Trees are not kept: this is the cost of parsing, the floor any syntax-based scanner stands on.
// Prints {"files", "bytes"} as JSON on stdout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as TS from 'typescript';

// Loaded with require, the fastest way: an ES import would make Node lex typescript.js for named
// exports first (~150 ms) and flatter the scanner's ratio.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

const listFile = process.argv[2];
if (listFile === undefined) {
  process.stderr.write('usage: bare-parse <file-list>\n');
  process.exit(2);
}

const files = readFileSync(listFile, 'utf8')
  .split('\n')
  .filter((l) => l !== '');
let bytes = 0;
let statements = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(text);
  // script kind from the extension (.js/.cjs/.mjs/.ts/.tsx …), like the scanner
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  statements += sf.statements.length; // keeps the parse observable so nothing can be optimised away
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, statements, typescript: ts.version })}\n`);
