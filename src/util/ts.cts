// The compiler API bundled in ts-morph, loaded through CommonJS on purpose: an ES `import` of
// ts-morph makes Node scan its ~10 MB of CommonJS for named exports first (cjs-module-lexer),
// measured at ~140 ms of a scan's start-up. Everything imports `ts` from here.
export { ts } from 'ts-morph';
