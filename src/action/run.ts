#!/usr/bin/env node
// Entry point of the GitHub Action (action.yml runs `node dist/src/action/run.js`): the real fetch,
// commands, SARIF renderer and audit registry wired into runAction. Exit 0 pass or nothing to do,
// 1 a new per-call finding at or above fail-on or an overhead regression, 2 the action itself failed.
import { audit } from '../api/audit.js';
import { runCommand } from '../vet/run-command.js';
import { runAction, type ActionDeps } from './run-action.js';

async function main(): Promise<number> {
  const { audits } = await import('../../audits/index.js');
  const deps: ActionDeps = {
    env: process.env,
    fetch: globalThis.fetch,
    exec: runCommand,
    audit,
    log: (line) => process.stdout.write(`${line}\n`),
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    fixes: Object.fromEntries(audits.map((a) => [a.id, a.fix])),
    renderSarif: async (report, workspace) => {
      const [{ renderSarif }, { loadRuleInfo }] = await Promise.all([import('../report/render-sarif.js'), import('../render-inputs/load-rule-info.js')]);
      return renderSarif(report, { rules: await loadRuleInfo(), sarifRoot: workspace, cwd: workspace });
    },
  };
  return runAction(deps);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const text = err instanceof Error ? (process.env.OTEL_AUDIT_DEBUG === '1' ? (err.stack ?? err.message) : err.message) : String(err);
    process.stdout.write(`::error::otel-audit: ${text}\n`);
    process.exitCode = 2;
  },
);
