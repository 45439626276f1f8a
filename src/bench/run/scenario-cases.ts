// The fidelity scenarios (src/bench/scenarios/) that a bench run adds to a package's cases: every scenario
// for the package by its npm name, when what it loads is installed where the package is; otherwise a
// skipped entry that names what is missing. Checked in the parent by resolving, never by loading.
import { createRequire } from 'node:module';
import path from 'node:path';
import { scenariosFor } from '../scenarios/index.js';
import type { ScenarioCase } from '../protocol/child-protocol.js';

export interface ScenarioPlan {
  cases: ScenarioCase[];
  /** scenarios that cannot run here, with the reason */
  skipped: Array<{ spec: ScenarioCase; reason: string }>;
}

export function scenarioCases(pkg: { name: string; dir: string }): ScenarioPlan {
  const plan: ScenarioPlan = { cases: [], skipped: [] };
  const req = createRequire(path.join(pkg.dir, 'scenario.js'));
  for (const s of scenariosFor(pkg.name)) {
    const spec: ScenarioCase = { kind: 'scenario', target: s.id, description: s.description };
    const missing = s.requires.filter((name) => {
      try {
        req.resolve(name);
        return false;
      } catch {
        return true;
      }
    });
    if (missing.length === 0) plan.cases.push(spec);
    else plan.skipped.push({ spec, reason: `scenario needs ${missing.join(' and ')}, not installed where the package is` });
  }
  return plan;
}
