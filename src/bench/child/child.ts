// A bench child process: receives one request over IPC (list the cases of a package, or measure one
// case), answers once, and exits. One process per case is the isolation the harness promises: a hook
// that hangs or crashes takes only its own case down, and no patch leaks into the next measurement.
import { catchAsyncErrors } from '../harness/async-errors.js';
import type { ChildRequest, ChildResponse } from '../protocol/child-protocol.js';

function reply(response: ChildResponse): void {
  // exit once the message is out: instrumentations leave timers and handles behind
  process.send!(response, () => process.exit(0));
}

async function handle(request: ChildRequest): Promise<ChildResponse> {
  if (request.mode === 'list') {
    const { listCases } = await import('./list-cases.js');
    return { ok: true, mode: 'list', result: await listCases(request.dir, request.name) };
  }
  const { measureCase } = await import('./measure-case.js');
  return { ok: true, mode: 'measure', result: await measureCase(request.dir, request.name, request.spec, request.settings, request.profile) };
}

if (process.send === undefined) {
  process.stderr.write('otel-audit bench child: start me with an IPC channel (child_process.fork)\n');
  process.exit(2);
}
catchAsyncErrors();
process.once('message', (request: ChildRequest) => {
  handle(request).then(reply, (err: unknown) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) }));
});
