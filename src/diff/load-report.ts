// Reads a JSON report file given on the command line (diff, the GitHub Action): the file errors are
// worded here, the shape is checked by the model's parseReport. Every failure is a ReportInputError
// whose message names the file and what is wrong, for exit 2.
import { readFile } from 'node:fs/promises';
import { parseReport, ReportInputError } from '../model/parse-report.js';
import type { Report } from '../model/report.js';

export { parseReport, ReportInputError } from '../model/parse-report.js';

function describeFsError(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'not found';
  if (err.code === 'EISDIR') return 'is a folder, not a report file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  return err.message;
}

export async function loadReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ReportInputError(`${file}: ${describeFsError(err as NodeJS.ErrnoException)}`);
  }
  return parseReport(text, file);
}
