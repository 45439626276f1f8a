// A scanned package: its folder, the files analysed and the hooks found in them.
import { z } from 'zod/v4';
import { hookFrequencySchema, hookRefSchema } from './finding.js';

export const hookInfoSchema = hookRefSchema.extend({
  file: z.string(),
  line: z.int().min(1),
  resolved: z.boolean().meta({ description: 'false when the per-call function behind the hook could not be found statically' }),
  // always written by a scan; optional so that reports written before it still parse
  hookFrequency: hookFrequencySchema.optional(),
  hookFrequencyReason: z.string().optional().meta({ description: 'why the hook runs at set-up (the set-up method it wraps, and whether the name is built in or from the policy file), or per call' }),
});
export type HookInfo = z.infer<typeof hookInfoSchema>;

export const packageReportSchema = z.object({
  name: z.string(),
  version: z.string(),
  root: z.int().min(0).meta({ description: 'index into the report\'s roots' }),
  dir: z.string().meta({ description: 'package folder relative to its root, `/` separators' }),
  files: z.array(z.string()).meta({ description: 'analysed files, relative to the root' }),
  entry: z.enum(['entry-points', 'all-files', 'ts-sources']).meta({ description: 'how the analysed files were chosen' }),
  copies: z.array(z.string()).optional().meta({ description: 'other folders holding the same name@version (nested node_modules copies): same code, analysed once' }),
  hooks: z.array(hookInfoSchema),
});
export type PackageReport = z.infer<typeof packageReportSchema>;
