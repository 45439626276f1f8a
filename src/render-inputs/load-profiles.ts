// The file reading behind the HTML report's profiles section, kept out of the renderer (like
// load-excerpts.ts): `bench --profile DIR` leaves each measured hook's `.cpuprofile` path in its
// benchmark entry, and this reads them. Only the costliest hooks are embedded — a profile is tens to
// hundreds of kilobytes, and a page with 300 of them would not open — and what was left out is said.
import type { Profiler } from 'node:inspector';
import path from 'node:path';
import { readRegularFile } from '../discover/read-regular-file.js';
import type { Benchmark, Report } from '../model/report.js';
import { asProfile, type HookProfile } from '../profile/as-profile.js';

/** profiles embedded in one page, costliest hooks first */
export const MAX_EMBEDDED_PROFILES = 20;
/** a profile larger than this is left out (a runaway hook's profile would swamp the page) */
const MAX_PROFILE_BYTES = 8 * 1024 * 1024;

export interface LoadedProfiles {
  /** sorted by label */
  profiles: HookProfile[];
  /** hooks with a profile file that is not in the page: over the limit, or unreadable */
  left: Array<{ label: string; file: string; why: 'limit' | 'unreadable' }>;
}

const label = (b: Benchmark): string => `${b.package} ${b.hook?.id ?? ''}`.trim();

/** The profiles named by the report's benchmark entries, read from their files (relative to `cwd`). */
export function loadProfiles(report: Report, cwd: string = process.cwd(), max = MAX_EMBEDDED_PROFILES): LoadedProfiles {
  const withFile = (report.benchmarks ?? [])
    .filter((b) => b.profile !== undefined)
    .sort((a, b) => (b.overheadNsPerSpan ?? -Infinity) - (a.overheadNsPerSpan ?? -Infinity) || label(a).localeCompare(label(b)));
  const profiles: HookProfile[] = [];
  const left: LoadedProfiles['left'] = [];
  for (const b of withFile) {
    const file = b.profile!.cpuprofile;
    if (profiles.length >= max) {
      left.push({ label: label(b), file, why: 'limit' });
      continue;
    }
    const profile = asProfile(readJson(path.resolve(cwd, file)));
    if (profile === null) left.push({ label: label(b), file, why: 'unreadable' });
    else profiles.push({ label: label(b), profile });
  }
  profiles.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { profiles, left };
}

/** `load --profile DIR`: each variant's CPU profile under load, from the file its attribution names (unreadable ones left out). */
export function loadVariantProfiles(report: Report, cwd: string = process.cwd()): Map<string, Profiler.Profile> {
  const out = new Map<string, Profiler.Profile>();
  for (const v of report.load?.variants ?? []) {
    const file = v.attribution?.profile?.cpuprofile;
    const profile = file === undefined ? null : asProfile(readJson(path.resolve(cwd, file)));
    if (profile !== null) out.set(v.id, profile);
  }
  return out;
}

/** A profile is JSON in a regular file (never a FIFO or a device a report might name) of bounded size. */
function readJson(file: string): unknown {
  if (!file.endsWith('.cpuprofile')) return undefined;
  const read = readRegularFile(file, MAX_PROFILE_BYTES);
  if (!('text' in read)) return undefined;
  try {
    return JSON.parse(read.text) as unknown;
  } catch {
    return undefined;
  }
}
