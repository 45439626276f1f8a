// A bench child process: receives one request over IPC (list the cases of a package, or measure one
// case), answers, and exits. One process per case is the isolation the harness promises: a hook that
// hangs or crashes takes only its own case down, and no patch leaks into the next measurement. A
// measuring child stays up after its answer until the parent has cross-checked its figures.
import { catchAsyncErrors } from '../harness/async-errors.js';
import type { ChildRequest, ChildResponse } from '../protocol/child-protocol.js';
import { answerAndServe } from './serve-verify.js';

function reply(response: ChildResponse): void {
  // exit once the message is out: instrumentations leave timers and handles behind
  process.send!(response, () => process.exit(0));
}

async function handle(request: ChildRequest): Promise<void> {
  if (request.mode === 'list') {
    const { listCases } = await import('./list-cases.js');
    return reply({ ok: true, mode: 'list', result: await listCases(request.dir, request.name) });
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
