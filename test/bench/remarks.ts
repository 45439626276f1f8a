// A measured entry's remark without what the machine's timing put in it: the slow-spell notes
// (src/bench/slow-spell.ts) depend on how busy the machine was during the test, never on the fixture,
// so assertions about a fixture's remark leave them out. Null when nothing else is left.
export function fixtureRemark(reason: string | null): string | null {
  if (reason === null) return null;
  const kept = reason.split('; ').filter((part) => !/^measured (in a slow spell|again after a slow spell)/.test(part));
  return kept.length === 0 ? null : kept.join('; ');
}
