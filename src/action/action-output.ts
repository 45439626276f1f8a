// Step outputs and the job summary, the way the runner reads them: `name=value` lines appended to the
// file in $GITHUB_OUTPUT, Markdown appended to $GITHUB_STEP_SUMMARY. Values here never hold newlines.
import { appendFileSync } from 'node:fs';

export function setOutputs(env: NodeJS.ProcessEnv, outputs: Readonly<Record<string, string>>): void {
  const file = env.GITHUB_OUTPUT;
  if (file === undefined || file === '') return;
  const lines = Object.entries(outputs).map(([k, v]) => `${k}=${v.replace(/[\r\n]+/g, ' ')}`);
  appendFileSync(file, `${lines.join('\n')}\n`);
}

export function appendSummary(env: NodeJS.ProcessEnv, markdown: string): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  appendFileSync(file, `${markdown.trimEnd()}\n`);
}
