// Where every command's result goes: stdout, or the --output file. One writer so that every command
// says the same things the same way: the note on stderr after writing a file (unless --quiet), the
// reason a file could not be written (then the command exits 2), and the warning before pouring a page
// of HTML (with its inlined 1.3 MB script) into a terminal — pipes are fine.
import { writeFile } from 'node:fs/promises';

export interface OutputOptions {
  /** what was written, for the note on stderr (`html report`, `markdown diff`); null: --quiet, no notes */
  note: string | null;
  html: boolean;
}

/** Writes `text` to stdout or to `output`; false (after saying why on stderr) when the file cannot be written. */
export async function writeOutput(text: string, output: string | undefined, options: OutputOptions): Promise<boolean> {
  if (output === undefined) {
    if (options.html && options.note !== null && process.stdout.isTTY === true) process.stderr.write('otel-audit: writing HTML to the terminal; use --output FILE.html\n');
    process.stdout.write(text);
    return true;
  }
  try {
    await writeFile(output, text);
  } catch (err) {
    process.stderr.write(`otel-audit: cannot write ${output}: ${(err as Error).message}\n`);
    return false;
  }
  if (options.note !== null) process.stderr.write(`otel-audit: wrote ${options.note} to ${output}\n`);
  return true;
}
