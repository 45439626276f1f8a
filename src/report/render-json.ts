// The JSON report: the Report object as it is, with keys in a fixed order (the order of the model's
// declarations) whatever order the scanner built them in, so two runs diff cleanly. Keys the model
// does not know yet (the contract is "extend freely") follow the known ones, alphabetically.
import { FREQUENCIES, SEVERITIES, type Report } from '../model/report.js';

interface Shape {
  keys: readonly string[];
  /** shapes of nested objects (or of each element, for arrays) by key */
  nested?: Readonly<Record<string, Shape>>;
}

const LOCATION: Shape = { keys: ['file', 'line'] };
const HOOK_REF: Shape = { keys: ['id', 'kind', 'target', 'hookFrequency'] };
const SHAPE: Shape = {
  keys: ['schemaVersion', 'tool', 'root', 'roots', 'costTable', 'packages', 'dependencyFiles', 'findings', 'errors', 'summary', 'reference', 'benchmarks', 'benchSummary'],
  nested: {
    tool: { keys: ['name', 'version'] },
    packages: {
      keys: ['name', 'version', 'root', 'dir', 'files', 'entry', 'copies', 'hooks'],
      nested: { hooks: { keys: ['id', 'kind', 'target', 'file', 'line', 'resolved', 'hookFrequency', 'hookFrequencyReason'] } },
    },
    findings: {
      keys: [
        'ruleId', 'severity', 'frequency', 'package', 'root', 'file', 'line', 'column', 'original', 'hook',
        'reachedFrom', 'callPath', 'operation', 'message', 'estimatedCostNs', 'conditional', 'path', 'deadBranch', 'suppressed',
        'suppressionReason', 'measuredOverheadNsPerSpan', 'confirmed',
      ],
      nested: {
        original: LOCATION,
        hook: HOOK_REF,
        callPath: { keys: ['function', 'file', 'line', 'original'], nested: { original: LOCATION } },
      },
    },
    errors: { keys: ['package', 'root', 'file', 'message', 'kind'] },
    reference: { keys: ['bareSpanNs', 'usualBareSpanNs', 'historyProblem'] },
    benchmarks: {
      keys: [
        'package', 'hook', 'status', 'reason', 'spansPerCall', 'baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall',
        'overheadNsPerSpan', 'marginPct', 'samples', 'opsPerCall', 'opSites', 'bareSpanNs', 'attempts', 'callStyle', 'patched', 'profile',
      ],
      // operations are keys: alphabetical, so two runs diff cleanly
      nested: { hook: HOOK_REF, opsPerCall: { keys: [] }, opSites: { keys: [] }, patched: { keys: ['module', 'mock'] }, profile: { keys: ['cpuprofile', 'top', 'dot'] } },
    },
    benchSummary: { keys: ['cases', 'measured', 'skipped', 'failed', 'measuredPct', 'remeasured', 'timeMs', 'concurrency', 'durationMs', 'withScan'] },
    summary: {
      keys: ['packages', 'files', 'parsedFiles', 'bytes', 'hooks', 'findings', 'perCall', 'deadBranch', 'bySeverity', 'byFrequency', 'errors', 'durationMs', 'ignored'],
      nested: { bySeverity: { keys: SEVERITIES }, byFrequency: { keys: FREQUENCIES } },
    },
  },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ordered(value: unknown, shape: Shape | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, shape));
  if (!isPlainObject(value) || shape === undefined) return value;
  const known = shape.keys.filter((k) => Object.hasOwn(value, k));
  const extra = Object.keys(value).filter((k) => !shape.keys.includes(k)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...extra]) out[k] = ordered(value[k], shape.nested?.[k]);
  return out;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(ordered(report, SHAPE), null, 2)}\n`;
}
