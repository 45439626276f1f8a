// The tool's own version, read once at module load from its package.json (never per call: we would be
// the bug we report).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const TOOL_VERSION: string = (require('../../../package.json') as { version: string }).version;
