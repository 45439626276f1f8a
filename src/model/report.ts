// The Report model: plain, serialisable data shared by the analysis, the policy and every renderer.
// The zod schema below is the one description of the JSON report: the types are inferred from it,
// reports read from disk are parsed with it (parse-report.ts), and schema/report.json is generated
// from it. schemaVersion 1 is a public contract: extend, never break.
import { z } from 'zod/v4';
import { benchmarkSchema, benchReferenceSchema, benchSummarySchema } from './benchmark.js';
import { findingSchema } from './finding.js';
import { loadSectionSchema } from './load.js';
import { packageReportSchema } from './package-report.js';
import { policyOutcomeSchema } from './policy-outcome.js';
import { reportErrorSchema } from './report-error.js';
import { summarySchema } from './summary.js';

export * from './benchmark.js';
export * from './finding.js';
export * from './load.js';
export * from './package-report.js';
export * from './policy-outcome.js';
export * from './report-error.js';
export * from './summary.js';

export const reportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal('otel-audit'), version: z.string() }),
    root: z.string().meta({ description: 'the first path as given (all of them are in `roots`)' }),
    roots: z.array(z.string()),
    costTable: z.string().meta({ description: 'where the estimated costs come from: the built-in table or a calibrated one' }),
    packages: z.array(packageReportSchema),
    dependencyFiles: z.array(z.string()).meta({ description: 'files outside the scanned packages that calls were followed into (relative to roots[0])' }),
    findings: z.array(findingSchema),
    errors: z.array(reportErrorSchema),
    summary: summarySchema,
    policy: policyOutcomeSchema.optional().meta({ description: 'what the policy decided (the CLI, vet and the Action always judge; a bare library scan() has none)' }),
    reference: benchReferenceSchema.nullable().optional().meta({ description: '`bench` and `scan --bench` only: the bare-span reference of the run (null when nothing was measured)' }),
    benchmarks: z.array(benchmarkSchema).optional().meta({ description: '`bench` and `scan --bench` only' }),
    benchSummary: benchSummarySchema.optional(),
    load: loadSectionSchema.optional(),
  })
  .meta({ title: 'otel-audit JSON report, schemaVersion 1' });
export type Report = z.infer<typeof reportSchema>;
