// V8 precise block coverage of the running process, through node:inspector: per function and per block,
// how many times it ran since the last take. Started before the package under test is loaded — V8 only
// gives block counts for functions compiled after coverage was switched on (a function compiled before
// reports its call count alone) — and never in a process that times anything: block counters slow the
// code they count several times over, and switching coverage off leaves them in the bytecode.
//
// The inspector is an API the Node permission model guards: under `--permission` (or Node 20's
// `--experimental-permission`) it is refused unless `--allow-inspector` is given, which Node 20 does
// not have. Where it is refused, start-coverage.ts counts through V8's own functions instead
// (native-coverage.ts), so that a coverage child keeps the permission model on Node 20 too.
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';

export type ScriptCoverage = Profiler.ScriptCoverage;

export class PreciseCoverage {
  private constructor(private readonly session: Session) {}

  /** Connects and starts counting calls and blocks. Throws when the inspector is not available (see above). */
  static async start(): Promise<PreciseCoverage> {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    return new PreciseCoverage(session);
  }

  /** The counts since the previous take (or the start); V8 resets them with every take. */
  async take(): Promise<ScriptCoverage[]> {
    return (await this.session.post('Profiler.takePreciseCoverage')).result;
  }

  async stop(): Promise<void> {
    await this.session.post('Profiler.stopPreciseCoverage');
    this.session.disconnect();
  }
}
