// What a run could not do, and why: every skipped path, package or file is listed, never silently
// dropped. `kind` is a closed union so consumers can branch on it without string guessing.
import { z } from 'zod/v4';

/** A path given on the command line that is not there or cannot be read: the run is incomplete (exit 2). */
export const PATH_ERROR_KINDS = ['missing-path', 'unreadable-path'] as const;
/** Something inside a scanned tree that was skipped; listed, the rest of the work goes on. */
export const SKIP_ERROR_KINDS = [
  'package-json',
  'manifest-incomplete',
  'parse',
  'too-large',
  'not-a-file',
  'not-a-directory',
  'symlink-loop',
  'permission',
  'missing',
  'internal',
  'skipped-package',
  'unreadable-file',
] as const;
/**
 * What the check could not look at although it is there: a package found but not analysed
 * (`skipped-package`), a file of one that could not be read or walked — a FIFO, a socket, a device, a
 * link into /proc, /sys or /dev, a file nested too deep for the parser (`unreadable-file`). Under
 * --fail-on these fail the run unless --allow-skipped: otherwise making a file unreadable would dodge it.
 */
export const UNCHECKED_ERROR_KINDS = ['skipped-package', 'unreadable-file'] as const;
export const ERROR_KINDS = [...PATH_ERROR_KINDS, ...SKIP_ERROR_KINDS] as const;

export const errorKindSchema = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof errorKindSchema>;
export type PathErrorKind = (typeof PATH_ERROR_KINDS)[number];

export const isUncheckedError = (e: { kind: ErrorKind }): boolean => (UNCHECKED_ERROR_KINDS as readonly string[]).includes(e.kind);

export const reportErrorSchema = z.object({
  package: z.string().nullable(),
  root: z.int().min(0).optional().meta({ description: "index into the report's roots that `file` is relative to (absent for command-line path errors)" }),
  file: z.string().nullable(),
  message: z.string(),
  kind: errorKindSchema,
});
export type ReportError = z.infer<typeof reportErrorSchema>;
