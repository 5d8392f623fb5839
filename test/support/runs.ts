// How many cases a property runs: the default for `npm test`, 100x under DYNASM_LONG=1 (`npm run test:long`).
export const LONG = process.env.DYNASM_LONG === '1';

/** Cases per property: `normal` in the default run, `long` (default 100 × normal) in the long run. */
export function propertyRuns(normal: number, long: number = normal * 100): number {
  return LONG ? long : normal;
}
