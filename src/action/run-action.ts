// What the GitHub Action does, with every effect injected (fetch, commands, files, clock-free), so the
// whole flow runs in tests against fixture reports and a recorded event payload:
// 1. read the pull request from the event; other events: nothing to do;
// 2. ask GitHub which files it changes; no lockfile among them: nothing to do (unless `always`);
// 3. base and head reports — given as inputs, or audited here (base in a git worktree of the base
//    commit), both under the base branch's policy file (scan-sides.ts; a change of it is noted), and
//    both through one result cache folder (what did not change is analysed and measured once);
// 4. diff them; render the Markdown comment (with the hidden marker) and upsert it; add it to the job
//    summary; write the head's SARIF for github/codeql-action/upload-sarif;
// 5. outputs (sarif, comment-url, result, diff) and the exit code of `otel-audit diff`.
// A comment that cannot be posted (a fork's read-only token) is a warning, not a failed check.
// `pull_request_target` runs are refused unless the workflow opts in: they carry the base repository's
// secrets and a write token while the pull request's lockfile is installed and its code read.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffExitCode } from '../diff/diff-exit-code.js';
import { diffReports } from '../diff/diff-reports.js';
import type { ReportDiff } from '../diff/diff-model.js';
import { loadReport } from '../diff/load-report.js';
import { renderDiffMarkdown } from '../diff/render-diff-markdown.js';
import type { Report } from '../model/report.js';
import { loadPolicy, type LoadedPolicy } from '../policy/config.js';
import { appendSummary, setOutputs } from './action-output.js';
import { ActionInputError, readInputs, type ActionInputs } from './action-inputs.js';
import { pullRequestFiles, type Fetch, type GitHubClient } from './github-api.js';
import { changedLockfiles } from './lockfile-changed.js';
import { pullRequestOf, type PullRequest } from './pull-request.js';
import { cacheNote } from './cache-note.js';
import { auditSide, installSide, withWorktree, type Audit, type Exec, type AuditedSide, type SideDeps, type SideOptions } from './scan-sides.js';
import { COMMENT_MARKER, commentAuthor, upsertComment } from './upsert-comment.js';

export interface ActionDeps {
  env: NodeJS.ProcessEnv;
  fetch: Fetch;
  exec: Exec;
  /** the library's audit() (injected: tests stand in for the scan) */
  audit: Audit;
  log: (line: string) => void;
  /** the repository checkout (GITHUB_WORKSPACE) */
  workspace: string;
  /** SARIF of the head report; injected because its renderer needs the audit registry */
  renderSarif: (report: Report, workspace: string) => Promise<string>;
  /** fix advice per rule for the comment */
  fixes?: Readonly<Record<string, string>>;
}

export type ActionResult = 'skipped' | 'pass' | 'fail';

interface Sides {
  base: Report;
  head: Report;
  /** said in the comment: the pull request changes the policy file, which was not applied to it */
  policyNote?: string;
  /** the comment's last line: what the result cache served each side ('' for nothing) */
  cacheNote: string;
}

const samePolicy = (a: LoadedPolicy, b: LoadedPolicy): boolean => a.source === b.source && JSON.stringify(a.config) === JSON.stringify(b.config);

/** The head's own policy, only to tell whether the pull request changes it (a broken one counts as a change). */
async function headPolicyNote(workspace: string, base: LoadedPolicy): Promise<string | undefined> {
  let head: LoadedPolicy | null;
  try {
    head = await loadPolicy({ cwd: workspace });
  } catch {
    head = null;
  }
  if (head !== null && samePolicy(head, base)) return undefined;
  const file = head?.source ?? base.source ?? 'otel-audit.config.json';
  return `This pull request changes the otel-audit policy (${file}). Both sides were checked with the base branch's policy${base.source === null ? ' (none)' : ` (${base.source})`}: the change applies once it is merged.`;
}

async function reports(inputs: ActionInputs, pr: PullRequest, deps: ActionDeps): Promise<Sides> {
  if (inputs.baseReport !== null && inputs.headReport !== null) {
    const resolve = (p: string): string => path.resolve(deps.workspace, p);
    const [base, head] = await Promise.all([loadReport(resolve(inputs.baseReport)), loadReport(resolve(inputs.headReport))]);
    return { base, head, cacheNote: '' };
  }
  const side: SideDeps = { exec: deps.exec, audit: deps.audit, env: deps.env, log: deps.log };
  // base and head share one cache folder: what did not change between them is analysed (and measured) once
  const options: SideOptions = { cacheDir: inputs.cacheDir === '' ? '' : path.resolve(deps.workspace, inputs.cacheDir), bench: inputs.bench };
  const audited = async (checkout: string, policy: LoadedPolicy): Promise<AuditedSide> => {
    const installed = await installSide(side, checkout, inputs.installCommand);
    try {
      return await auditSide(side, checkout, installed, inputs.paths, policy, options);
    } finally {
      installed.cleanup();
    }
  };
  // the base first: its policy file judges both sides
  const { base, policy } = await withWorktree(deps.exec, deps.workspace, pr.baseSha, async (dir) => {
    const basePolicy = await loadPolicy({ cwd: dir });
    return { base: await audited(dir, basePolicy), policy: basePolicy };
  });
  const head = await audited(deps.workspace, policy);
  const policyNote = await headPolicyNote(deps.workspace, policy);
  return { base: base.report, head: head.report, cacheNote: cacheNote(base.cache, head.cache), ...(policyNote === undefined ? {} : { policyNote }) };
}

async function comment(inputs: ActionInputs, client: GitHubClient, pr: PullRequest, body: string, deps: ActionDeps): Promise<string> {
  if (!inputs.comment) return '';
  try {
    const r = await upsertComment(client, pr, body, await commentAuthor(client, inputs.commentAuthor));
    deps.log(`otel-audit: ${r.action} comment ${r.url ?? r.id}`);
    return r.url ?? '';
  } catch (err) {
    // a fork's token cannot write comments: say so, keep the check's result about the code
    deps.log(`::warning::otel-audit could not post its comment: ${(err as Error).message}`);
    return '';
  }
}

function skip(deps: ActionDeps, why: string): number {
  deps.log(`otel-audit: ${why}`);
  setOutputs(deps.env, { result: 'skipped', sarif: '', 'comment-url': '', diff: '' });
  return 0;
}

export async function runAction(deps: ActionDeps): Promise<number> {
  const inputs = readInputs(deps.env);
  const eventPath = deps.env.GITHUB_EVENT_PATH;
  if (eventPath === undefined || eventPath === '') return skip(deps, 'no GITHUB_EVENT_PATH: not running in GitHub Actions, nothing to do');
  const pr = pullRequestOf(JSON.parse(readFileSync(eventPath, 'utf8')) as unknown);
  if (pr === null) return skip(deps, `not a pull request event (${deps.env.GITHUB_EVENT_NAME ?? 'unknown'}): nothing to do`);
  if (deps.env.GITHUB_EVENT_NAME === 'pull_request_target' && !inputs.allowPullRequestTarget) {
    throw new ActionInputError(
      "refusing a pull_request_target event: it runs with the base repository's secrets and a write token while installing and reading the pull request's code. Use `on: pull_request`, or set allow-pull-request-target: true if you accept that.",
    );
  }
  const client: GitHubClient = { apiUrl: deps.env.GITHUB_API_URL || 'https://api.github.com', token: inputs.token, fetch: deps.fetch };

  if (!inputs.always) {
    const locks = changedLockfiles(await pullRequestFiles(client, pr.owner, pr.repo, pr.number), inputs.lockfiles);
    if (locks.length === 0) return skip(deps, `pull request #${pr.number} changes no lockfile (${inputs.lockfiles.join(', ')}): nothing to do`);
    deps.log(`otel-audit: pull request #${pr.number} changes ${locks.join(', ')}`);
  }

  const { base, head, policyNote, cacheNote: note } = await reports(inputs, pr, deps);
  const diff: ReportDiff = diffReports(base, head, { thresholdPct: inputs.thresholdPct });
  const rendered = renderDiffMarkdown(diff, { failOn: inputs.failOn, marker: COMMENT_MARKER, ...(deps.fixes ? { fixes: deps.fixes } : {}) });
  const body = (policyNote === undefined ? rendered : `${rendered.trimEnd()}\n\n> **Note:** ${policyNote}\n`) + note;
  const commentUrl = await comment(inputs, client, pr, body, deps);
  appendSummary(deps.env, body);

  const sarifFile = path.resolve(deps.workspace, inputs.sarifFile);
  writeFileSync(sarifFile, await deps.renderSarif(head, deps.workspace));
  const diffFile = path.join(path.dirname(sarifFile), `${path.basename(sarifFile, path.extname(sarifFile))}.diff.json`);
  writeFileSync(diffFile, `${JSON.stringify(diff, null, 2)}\n`);

  const code = diffExitCode(diff, inputs.failOn);
  const result: ActionResult = code === 0 ? 'pass' : 'fail';
  setOutputs(deps.env, { result, sarif: sarifFile, 'comment-url': commentUrl, diff: diffFile });
  deps.log(`otel-audit: ${result}: ${diff.summary.newPerCall} new per-call finding(s), ${diff.summary.fixedPerCall} fixed, ${diff.summary.regressions} regression(s)`);
  return code;
}
