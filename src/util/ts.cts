// The compiler API bundled in ts-morph, loaded through CommonJS on purpose: an ES `import` of
// ts-morph makes Node scan its ~10 MB of CommonJS for named exports first (cjs-module-lexer),
// measured at ~140 ms of a scan's start-up. Everything imports `ts` from here.
import { ts } from 'ts-morph';

export { ts };

/**
 * `ts.SyntaxKind`, read once. Every `ts.X` is a getter on the bundled compiler's exports (esbuild's
 * `__export`), and the few functions called on nearly every node (unwrap, isFunctionLike, the syntax
 * index) read it several times per call: 0.9 s in the getter of a 75 s CPU profile of a cold scan
 * of the third-party corpus.
 */
export const SyntaxKind = ts.SyntaxKind;
