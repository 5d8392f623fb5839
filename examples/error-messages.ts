// One mistake per DSL error code, each caught and printed: the catalogue behind the error table of
// docs/dsl.md. Messages are printed without their call site (`file:line:column`, which names this file's
// path) and with the list of legal forms counted rather than listed.
// Run: npm run build && node dist/examples/error-messages.js
import { Assembler, DynasmError, X, x0, x1, type ErrorCode } from '../src/index.js';

export interface Mistake {
  /** The code the mistake must raise. */
  readonly code: ErrorCode;
  readonly provoke: () => void;
}

export const MISTAKES: readonly Mistake[] = [
  { code: 'E_SYNTAX', provoke: () => new Assembler('a64').dynasm`add x0, x1,, x2` },
  { code: 'E_MNEMONIC', provoke: () => new Assembler('a64').dynasm`addd x0, x1, x2` },
  { code: 'E_NOFORM', provoke: () => new Assembler('x64').dynasm`mov rax` },
  { code: 'E_OPERAND', provoke: () => new Assembler('x64').dynasm`inc [rax]` },
  { code: 'E_REGCLASS', provoke: () => new Assembler('a64').dynasm`add x0, w1, #3` },
  {
    code: 'E_RANGE',
    provoke: () => {
      const a = new Assembler('a64');
      const load = (offset: number) => a.dynasm`ldr ${x0}, [${x1}, #${offset}]`;
      load(32760); // fine: the largest scaled offset
      load(32768); // too far
    },
  },
  { code: 'E_ALIGN', provoke: () => new Assembler('a64').dynasm`ldp x0, x1, [x2, #12]` },
  { code: 'E_BITMASK', provoke: () => new Assembler('a64').dynasm`and x0, x1, #5` },
  { code: 'E_VALUE', provoke: () => new Assembler('a64').dynasm`add ${X(0)}, ${X(1)}, #${null as unknown as number}` },
  {
    code: 'E_LABEL_UNDEFINED',
    provoke: () => {
      const a = new Assembler('a64');
      a.dynasm`b nowhere`;
      a.finalize();
    },
  },
  {
    code: 'E_LABEL_DUPLICATE',
    provoke: () => {
      const a = new Assembler('a64');
      a.dynasm`start: nop`;
      a.dynasm`start: ret`;
    },
  },
  {
    code: 'E_LABEL_RANGE',
    provoke: () => {
      const a = new Assembler('x64');
      const far = a.newLabel('far');
      a.dynasm`loop ${far}`; // loop has only a rel8 form
      a.dynasm`.space 300`;
      a.dynasm`${far}: ret`;
      a.finalize();
    },
  },
  {
    code: 'E_LABEL_FOREIGN',
    provoke: () => {
      const a = new Assembler('x64');
      const old = a.newLabel('old');
      a.reset(); // labels made before reset() are no longer this assembler's
      a.dynasm`jmp ${old}`;
    },
  },
  { code: 'E_DIRECTIVE', provoke: () => new Assembler('a64').dynasm`.align 99` },
  {
    code: 'E_USAGE',
    provoke: () => {
      const a = new Assembler('a64');
      a.dynasm`.byte 1`;
      a.dynasm`nop`; // A64 instructions start at a multiple of 4
    },
  },
];

/** An error's message without its call site, and the legal forms counted, not listed. */
export function withoutSite(e: DynasmError): string {
  const text = e.site !== undefined && e.message.startsWith(e.site) ? e.message.slice(e.site.length).replace(/^:? /, '') : e.message;
  const forms = text.indexOf('\n  legal forms:');
  return forms < 0 ? text : `${text.slice(0, forms)}\n  legal forms: (${e.forms?.length ?? 0} listed)`;
}

/** Each mistake's error: its class, code and message (or what went wrong instead). */
export function catalogue(): { expected: ErrorCode; code: string; className: string; message: string }[] {
  return MISTAKES.map((m) => {
    try {
      m.provoke();
      return { expected: m.code, code: 'none', className: '-', message: 'no error was raised' };
    } catch (e) {
      if (!(e instanceof DynasmError)) return { expected: m.code, code: 'none', className: String((e as Error)?.name), message: String(e) };
      return { expected: m.code, code: e.code, className: e.constructor.name, message: withoutSite(e) };
    }
  });
}

export function main(print: (line: string) => void = console.log): void {
  for (const c of catalogue()) {
    print(`${c.code} (${c.className})${c.code === c.expected ? '' : ` -- EXPECTED ${c.expected}`}`);
    for (const l of c.message.split('\n')) print(`  ${l}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
