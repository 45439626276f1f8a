// A scanned package: its folder, the files analysed and the hooks found in them.
import { z } from 'zod/v4';
import { hookFrequencySchema, hookRefSchema } from './finding.js';

/** Something the hook reads before it starts a span, in terms the bench can give it (see spanStart). */
export const spanNeedSchema = z
  .object({
    of: z.enum(['arg', 'this', 'parent-span', 'config', 'arguments']).meta({
      description:
        "what is read: an argument of the hooked call (`index`), its receiver, the active span (a parent span is required), the instrumentation's configuration, or the hooked call's own `arguments` (`path: ['length']`: how many it was given)",
    }),
    index: z.int().min(0).optional().meta({ description: 'argument position, for `arg`' }),
    path: z.array(z.string()).meta({ description: 'property path from there (`["ismaster"]`); empty for the value itself' }),
    is: z.enum(['equal', 'truthy', 'falsy', 'type', 'instance']).meta({ description: 'what it must be for the span to start' }),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .optional()
      .meta({ description: 'for `equal`: the literal; for `type`: the typeof name (`function`, `string`, `array` …); for `instance`: the class as `module#Export` (`events#EventEmitter`)' }),
  })
  .meta({ description: 'one fact the span start depends on, derived from a condition' });
export type SpanNeed = z.infer<typeof spanNeedSchema>;

export const spanConditionSchema = z.object({
  expression: z.string().meta({ description: 'the condition as written (whitespace collapsed, cut at 160 characters)' }),
  mustBe: z.enum(['truthy', 'falsy']).meta({ description: 'what it must evaluate to on the way to the span start (falsy for an early exit: `if (x) return original.apply(…)`)' }),
  file: z.string(),
  line: z.int().min(1),
  needs: z.array(spanNeedSchema).meta({ description: 'what the condition reads, as facts a harness can provide; empty when it reads nothing the call controls' }),
  // optional so that reports written before it still parse
  onward: z
    .object({ line: z.int().min(1), column: z.int().min(1) })
    .optional()
    .meta({
      description:
        'where the way to the span start goes on past the condition, in the same file: the branch it takes, or the statement after an early exit. Block coverage of this position tells which condition stopped a hook that started no span (the first whose onward position did not run)',
    }),
});
export type SpanCondition = z.infer<typeof spanConditionSchema>;

export const spanStartSchema = z
  .object({
    file: z.string().meta({ description: 'the startSpan/startActiveSpan call reached first (shortest call path)' }),
    line: z.int().min(1),
    conditions: z.array(spanConditionSchema).meta({ description: 'what stands between the hook and that call, from the hook inwards: enclosing ifs, && / ?: operands, early exits before it' }),
    argumentsRead: z.int().min(1).optional().meta({
      description:
        "how many arguments the hook's function reads by position through a rest parameter or `arguments` (`emit(event, ...args)` reading `args[1]` reads 3); absent when it reads none that way. A harness driving the hook passes at least this many",
    }),
  })
  .meta({
    description: "the span start the hook's code reaches by the static call graph (calls and callbacks run on the spot; functions it only installs are not followed), or null when it reaches none",
  });
export type SpanStart = z.infer<typeof spanStartSchema>;

export const hookInfoSchema = hookRefSchema.extend({
  file: z.string(),
  line: z.int().min(1),
  resolved: z.boolean().meta({ description: 'false when the per-call function behind the hook could not be found statically' }),
  // optional so that reports written before it still parse
  spanStart: spanStartSchema.nullable().optional(),
  // always written by a scan; optional so that reports written before it still parse
  hookFrequency: hookFrequencySchema.optional(),
  hookFrequencyReason: z.string().optional().meta({ description: 'why the hook runs at set-up (the set-up method it wraps, and whether the name is built in or from the policy file), or per call' }),
});
export type HookInfo = z.infer<typeof hookInfoSchema>;

export const packageReportSchema = z.object({
  name: z.string(),
  version: z.string(),
  root: z.int().min(0).meta({ description: "index into the report's roots" }),
  dir: z.string().meta({ description: 'package folder relative to its root, `/` separators' }),
  files: z.array(z.string()).meta({ description: 'analysed files, relative to the root' }),
  entry: z.enum(['entry-points', 'all-files', 'ts-sources']).meta({ description: 'how the analysed files were chosen' }),
  copies: z.array(z.string()).optional().meta({ description: 'other folders holding the same name@version (nested node_modules copies): same code, analysed once' }),
  hooks: z.array(hookInfoSchema),
});
export type PackageReport = z.infer<typeof packageReportSchema>;
