// What otel-audit and the probe preloaded into every app (probe.ts) say over the child's IPC channel.
// Messages carry an `otelAuditLoad` key so an app that uses process.send itself can tell them apart.
import type { SiteCount } from '../bench/counters/op-counters.js';

/** JSON settings for the probe, in the child's environment */
export const PROBE_ENV = 'OTEL_AUDIT_LOAD_PROBE';
/** JSON settings for otel-audit's SDK preload (otel-preload.ts) */
export const SDK_ENV = 'OTEL_AUDIT_LOAD_SDK';
/** where otel-preload.ts leaves its span counter for the probe */
export const SPAN_COUNTER = Symbol.for('otel-audit.load.spans-ended');

export interface ProbeSettings {
  /** `app`: counters and profiler; `companion`: a demo's helper server (listening and exit-with-parent only) */
  role: 'app' | 'companion';
}

export interface SdkSettings {
  /** the app's folder: instrumentation packages are resolved from there */
  appDir: string;
  /** package names or absolute paths of instrumentation packages */
  packages: string[];
}

export type ProbeRequest =
  | { otelAuditLoad: 'cpu'; id: number }
  | { otelAuditLoad: 'profile-start'; id: number; intervalUs: number }
  | { otelAuditLoad: 'profile-stop'; id: number; file: string }
  | { otelAuditLoad: 'count-start'; id: number }
  | { otelAuditLoad: 'count-stop'; id: number };

export interface CpuReply {
  userUs: number;
  systemUs: number;
}

export interface CountReply {
  sites: SiteCount[];
  /** spans ended during the window (otel-audit's SDK preload), else null */
  spansEnded: number | null;
  /** every CommonJS module file loaded in the process */
  modules: string[];
}

export type ProbeMessage =
  { otelAuditLoad: 'listening'; address: string; port: number } | { otelAuditLoad: 'reply'; id: number; ok: true; value: unknown } | { otelAuditLoad: 'reply'; id: number; ok: false; error: string };

export const isProbeMessage = (m: unknown): m is ProbeMessage => typeof m === 'object' && m !== null && typeof (m as { otelAuditLoad?: unknown }).otelAuditLoad === 'string';
