// What TypeScript can tell about interpolated values: the `@ts-expect-error` lines below must be type
// errors (`npx tsc -p tsconfig.json` fails if one of them compiles), and the same values are refused at
// run time with E_VALUE (or, for a name that is no name, an operand error).
import { describe, expect, it } from 'vitest';
import { Assembler, DynasmError, ErrorCodes, X, x0, x1, type A64Value } from '../../src/index.js';

function typeErrors(a: Assembler<'a64'>): void {
  // @ts-expect-error: an object is no A64 value
  a.dynasm`add x0, x1, ${{}}`;
  // @ts-expect-error: booleans are not values
  a.dynasm`add x0, x1, #${true}`;
  // @ts-expect-error: undefined is not a value
  a.dynasm`add x0, x1, #${undefined}`;
  // @ts-expect-error: 'foo' is no condition, barrier, prefetch or system register name
  a.dynasm`csel x0, x1, x2, ${'foo'}`;
  // @ts-expect-error: a function is not a value
  a.dynasm`b ${() => 0}`;
}

describe('value types', () => {
  it('accepts registers, numbers, bigints, labels and names', () => {
    const a = new Assembler('a64');
    const values: A64Value[] = [x0, X(3), 5, 5n, a.newLabel(), 'eq', 'ish', 'pldl1keep', 'tpidr_el0'];
    expect(values).toHaveLength(9);
    a.dynasm`csel ${x0}, ${x1}, ${X(2)}, ${'ne'}`;
    expect(a.offset).toBe(4);
  });

  it('refuses at run time what the types refuse', () => {
    void typeErrors;
    const a = new Assembler('a64');
    const tag = a.dynasm.bind(a) as unknown as (s: TemplateStringsArray, ...v: unknown[]) => void;
    for (const v of [{}, true, undefined, () => 0]) {
      try {
        tag(Object.assign(['add x0, x1, ', ''], { raw: ['add x0, x1, ', ''] }) as unknown as TemplateStringsArray, v);
        expect.unreachable();
      } catch (e) {
        expect((e as DynasmError).code).toBe(ErrorCodes.VALUE);
      }
    }
    expect(() => a.dynasm`csel x0, x1, x2, ${'foo' as 'eq'}`).toThrow(/operand 4: 'foo' is not accepted: expected a condition code/);
  });
});
