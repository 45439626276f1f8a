// Block coverage for a coverage child, by whichever way this process allows: the inspector's precise
// coverage (precise-coverage.ts) where node:inspector may be used, else V8's own runtime functions
// (native-coverage.ts) — under Node 20's permission model, which refuses the inspector. Both give the
// inspector's shape, counts reset at every take. Start it before the package under test loads.
import { readFileSync } from 'node:fs';
import type { ScriptCoverage } from './precise-coverage.js';

export interface BlockCoverage {
  /** the counts since the previous take (or the start); each take resets them */
  take(): Promise<ScriptCoverage[]>;
  stop(): Promise<void>;
}

/** A file's text as V8 compiled it, or undefined when it cannot be read; each file read once. */
export function sourceReader(): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        // V8 compiles CommonJS without the BOM Node strips
        text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        text = undefined;
      }
      cache.set(file, text);
    }
    return cache.get(file);
  };
}

/** `files`: the ones whose counts are wanted (the natives need them to name the scripts they count). */
export async function startCoverage(files: readonly string[], sourceOf: (file: string) => string | undefined): Promise<BlockCoverage & { via: 'inspector' | 'v8-natives' }> {
  const { PreciseCoverage } = await import('./precise-coverage.js');
  try {
    return Object.assign(await PreciseCoverage.start(), { via: 'inspector' as const });
  } catch {
    // the inspector refused (the permission model, or a Node built without it)
    const { NativeCoverage } = await import('./native-coverage.js');
    return Object.assign(NativeCoverage.start(files, sourceOf), { via: 'v8-natives' as const });
  }
}
