// The pull request the workflow runs for, read from the event payload ($GITHUB_EVENT_PATH). Only
// pull_request and pull_request_target events carry one; anything else is "nothing to do".

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  baseRef: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function pullRequestOf(event: unknown): PullRequest | null {
  if (!isObject(event) || !isObject(event.pull_request)) return null;
  const pr = event.pull_request;
  const base = isObject(pr.base) ? pr.base : {};
  const head = isObject(pr.head) ? pr.head : {};
  const repository = isObject(event.repository) ? event.repository : {};
  const fullName = str(repository.full_name) ?? str(isObject(base.repo) ? base.repo.full_name : undefined);
  const number = typeof pr.number === 'number' ? pr.number : typeof event.number === 'number' ? event.number : undefined;
  const baseSha = str(base.sha);
  const headSha = str(head.sha);
  if (fullName === undefined || !fullName.includes('/') || number === undefined || baseSha === undefined || headSha === undefined) return null;
  const [owner, repo] = fullName.split('/') as [string, string];
  return { owner, repo, number, baseSha, headSha, baseRef: str(base.ref) ?? baseSha };
}
