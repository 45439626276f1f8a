// The contract between a fidelity scenario and the bench harness. A scenario drives a real target
// (a real http server and client, the real openai client) through a real instrumentation, where the
// generic harness would only see an auto-mock. The harness times plain / instrumented / unsampled
// with benny and reads spanCount() before and after a batch to get spans per call.

export interface ScenarioOptions {
  /**
   * Folder to resolve the instrumentation, its target and the SDK from (e.g. the project whose
   * node_modules is benchmarked). Default: otel-audit's own install.
   */
  resolveFrom?: string;
}

export interface PreparedScenario {
  /** one call of the target without the instrumentation (the original, unpatched functions) */
  plain(): Promise<void>;
  /** one call through the instrumentation, sampled (AlwaysOn sampler) */
  instrumented(): Promise<void>;
  /** one call through the instrumentation with an AlwaysOff sampler: the cost when not sampling */
  unsampled?(): Promise<void>;
  /** recording spans started so far, by every call of this prepared scenario (unsampled spans are not recorded) */
  spanCount(): number;
  /** unpatches, closes servers and sockets: no handle is left open afterwards */
  teardown(): Promise<void>;
}

export interface Scenario {
  /** stable id, used in reports and file names */
  id: string;
  /** the instrumentation measured, as npm names it */
  instrumentationPackage: string;
  /** the module it patches */
  target: string;
  description: string;
  /**
   * The packages `prepare` loads from `resolveFrom` (the SDK aside: it falls back to otel-audit's own).
   * The bench checks them before it runs the scenario, and says which are missing.
   */
  requires: readonly string[];
  /**
   * Loads and patches. Constructing an instrumentation registers its require hooks process-wide (as
   * in an app): run scenarios in a child process, one prepared scenario at a time.
   */
  prepare(options?: ScenarioOptions): Promise<PreparedScenario>;
}
