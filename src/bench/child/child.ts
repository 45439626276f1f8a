// A bench child process: receives one request over IPC (list the cases of a package, measure one case,
// or cover a package's measured cases), answers, and exits. One process per case is the isolation the
// harness promises: a hook that hangs or crashes takes only its own case down, and no patch leaks
// into the next measurement. A measuring child stays up after its answer until the parent has
// cross-checked its figures.
import { catchAsyncErrors } from '../harness/async-errors.js';
import type { ChildRequest, ChildResponse } from '../protocol/child-protocol.js';
import { answerAndServe } from './serve-verify.js';

function reply(response: ChildResponse): void {
  // exit once the message is out: instrumentations leave timers and handles behind
  process.send!(response, () => process.exit(0));
}

function send(response: ChildResponse): Promise<void> {
  return new Promise((resolve) => process.send!(response, () => resolve()));
}

async function handle(request: ChildRequest): Promise<void> {
  if (request.mode === 'list') {
    const { listCases } = await import('./list-cases.js');
    return reply({ ok: true, mode: 'list', result: await listCases(request.dir, request.name) });
  }
  if (request.mode === 'cover') {
    // coverage first, before the harness and the package load: V8 counts blocks only in functions
    // compiled after it was switched on
    const { sourceReader, startCoverage } = await import('../coverage/start-coverage.js');
    const sourceOf = sourceReader();
    const coverage = await startCoverage([...new Set(request.sites.map((s) => s.file))], sourceOf);
    const { coverCases } = await import('./cover-cases.js');
    await coverCases(coverage, request.dir, request.name, request.cases, request.sites, request.settings, (index, result) => send({ ok: true, mode: 'cover-case', index, result }), sourceOf);
    return reply({ ok: true, mode: 'cover', done: request.cases.length });
  }
  if (request.mode !== 'measure') return reply({ ok: false, error: `unexpected request ${request.mode}` });
  const { measureCase } = await import('./measure-case.js');
  await measureCase(request.dir, request.name, request.spec, request.settings, request.profile, (result, sides) => answerAndServe({ ok: true, mode: 'measure', result }, sides));
  process.exit(0);
}

if (process.send === undefined) {
  process.stderr.write('otel-audit bench child: start me with an IPC channel (child_process.fork)\n');
  process.exit(2);
}
catchAsyncErrors();
process.once('message', (request: ChildRequest) => {
  handle(request).catch((err: unknown) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) }));
});
