// The rule ids, in registry order, without loading the audits (and with them the compiler): the CLI
// validates --rules with this list before anything heavy loads. test/audits/registry.test.ts keeps it
// equal to the registry.
export const RULE_IDS = [
  'version-lookup',
  'sync-fs',
  'metadata-parse',
  'stack-capture',
  'env-read',
  'dynamic-require',
  'child-process',
  'os-query',
  'regex-compile',
] as const;
