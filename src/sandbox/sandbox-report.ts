// What the sandbox applied to the children that ran package code, as a report says it. Plain data (the
// model's sandbox schema describes the same shape for the JSON report).

export interface SandboxReport {
  /** false with --unsafe-run */
  enabled: boolean;
  /** `allow-list`: PATH, NODE_ENV and the tool's own variables only; `inherited` with --unsafe-run */
  environment: 'allow-list' | 'inherited';
  /** the Node permission model: reads limited to the packages and the tool, writes to a temp folder, no child processes or workers */
  permissionModel: boolean;
  /** a network namespace of its own: no route out, not the host's 127.0.0.1 */
  network: boolean;
  /** a pid namespace of its own: otel-audit and the user's processes are out of its reach */
  pidNamespace: boolean;
  /** a file view of its own (mount namespace): the system, its packages and the tool read-only, its temp folder writable, nothing else */
  files: boolean;
  /** what could not be applied here, and why */
  limits: string[];
}
