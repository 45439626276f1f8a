// The baseline of `npm run bench:scan`: the scanner's own parse call alone (src/analysis/parse.ts: the
// compiler bundled in ts-morph, parent pointers set, JSDoc skipped, script kind from the extension) on
// exactly the files a scan analysed, read from a list file (one absolute path a line). Trees are not
// kept: this is the cost of parsing, the floor any syntax-based scanner stands on. Until this used the
// `typescript` package (another version, 5.9 against 6.0) with JSDoc parsed, which the scanner skips:
// a slower floor that flattered the scanner's ratio.
// Prints {"files", "bytes", "statements", "typescript"} as JSON on stdout.
import { readFileSync } from 'node:fs';
import { parseSource } from '../../analysis/parse.js';
import { ts } from '../../util/ts.cjs';

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
  const sf = parseSource(file, text);
  statements += sf.statements.length; // keeps the parse observable so nothing can be optimised away
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, statements, typescript: ts.version })}\n`);
