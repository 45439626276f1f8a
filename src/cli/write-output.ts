// The one writer of every command's output: stdout, or --output FILE with a one-line note on stderr.
// Only the CLI layer writes to the terminal.
import { writeFile } from 'node:fs/promises';

/**
 * Writes `text` to stdout or to `output`; false (after saying why on stderr) when the file cannot be
 * written. A page of HTML with an inlined 1.3 MB script is never what a terminal wants (pipes are
 * fine): `html` warns when stdout is one (unless `note` is null: --quiet).
 */
export async function writeOutput(text: string, output: string | undefined, note: string | null, options: { html?: boolean } = {}): Promise<boolean> {
  if (output === undefined) {
    if (options.html === true && note !== null && process.stdout.isTTY === true) process.stderr.write('otel-audit: writing HTML to the terminal; use --output page.html\n');
    process.stdout.write(text);
    return true;
  }
  try {
    await writeFile(output, text);
  } catch (err) {
    process.stderr.write(`otel-audit: cannot write ${output}: ${(err as Error).message}\n`);
    return false;
  }
  if (note !== null) process.stderr.write(`otel-audit: ${note} ${output}\n`);
  return true;
}
