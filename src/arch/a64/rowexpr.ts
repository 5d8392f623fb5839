// The expressions of spec rows' `set` and `check` clauses, compiled once to a small RPN program over
// Int32 values and evaluated without allocation at plan or fill time.
//   expr := or ; or := xor ('|' xor)* ; … ; cmp := shift (('<'|'<='|'>'|'>='|'=='|'!=') shift)?
//   unary: - ~ ; atoms: integer, placeholder/variable name, ( expr )

const OPS = {
  CONST: 1,
  VAR: 2,
  NEG: 3,
  NOT: 4,
  ADD: 5,
  SUB: 6,
  MUL: 7,
  AND: 8,
  OR: 9,
  XOR: 10,
  SHL: 11,
  SHR: 12,
  LT: 13,
  LE: 14,
  GT: 15,
  GE: 16,
  EQ: 17,
  NE: 18,
  MOD: 19,
} as const;

const BIN: Record<string, [number, number]> = {
  '|': [1, OPS.OR],
  '^': [2, OPS.XOR],
  '&': [3, OPS.AND],
  '==': [4, OPS.EQ],
  '!=': [4, OPS.NE],
  '<': [5, OPS.LT],
  '<=': [5, OPS.LE],
  '>': [5, OPS.GT],
  '>=': [5, OPS.GE],
  '<<': [6, OPS.SHL],
  '>>': [6, OPS.SHR],
  '+': [7, OPS.ADD],
  '-': [7, OPS.SUB],
  '*': [8, OPS.MUL],
  '%': [8, OPS.MOD],
};

export interface Program {
  readonly code: Int32Array;
  /** Variable indices the program reads. */
  readonly deps: readonly number[];
  readonly text: string;
}

/** Compiles `text`; `varIndex` maps a name to its variable slot (or −1 if unknown → error). */
export function compileExpr(text: string, varIndex: (name: string) => number): Program {
  const toks = text.match(/\s*(<<|>>|<=|>=|==|!=|0x[0-9a-f]+|\d+|[-+*%&|^~()<>]|[A-Za-z_][A-Za-z0-9_.]*)/g)?.map((s) => s.trim()) ?? [];
  if (toks.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new Error(`bad expression '${text}'`);
  const code: number[] = [];
  const deps = new Set<number>();
  let i = 0;
  const atom = (): void => {
    const t = toks[i++];
    if (t === undefined) throw new Error(`unexpected end of expression '${text}'`);
    if (t === '-') return atom(), void code.push(OPS.NEG);
    if (t === '~') return atom(), void code.push(OPS.NOT);
    if (t === '(') {
      binary(0);
      if (toks[i++] !== ')') throw new Error(`missing ')' in '${text}'`);
      return;
    }
    if (/^(\d+|0x[0-9a-f]+)$/.test(t)) return void code.push(OPS.CONST, Number(t));
    const v = varIndex(t);
    if (v < 0) throw new Error(`unknown name '${t}' in expression '${text}'`);
    deps.add(v);
    code.push(OPS.VAR, v);
  };
  const binary = (min: number): void => {
    atom();
    for (;;) {
      const op = BIN[toks[i]];
      if (!op || op[0] <= min) return;
      i++;
      binary(op[0]);
      code.push(op[1]);
    }
  };
  binary(0);
  if (i !== toks.length) throw new Error(`unexpected '${toks[i]}' in expression '${text}'`);
  return { code: new Int32Array(code), deps: [...deps], text };
}

const stack = new Int32Array(64);

/** Evaluates a program over variable values. */
export function evalExpr(p: Program, vars: Int32Array): number {
  const c = p.code;
  let sp = 0;
  for (let i = 0; i < c.length; ) {
    const op = c[i++];
    switch (op) {
      case OPS.CONST:
        stack[sp++] = c[i++];
        break;
      case OPS.VAR:
        stack[sp++] = vars[c[i++]];
        break;
      case OPS.NEG:
        stack[sp - 1] = -stack[sp - 1];
        break;
      case OPS.NOT:
        stack[sp - 1] = ~stack[sp - 1];
        break;
      default: {
        const b = stack[--sp];
        const a = stack[sp - 1];
        let r = 0;
        switch (op) {
          case OPS.ADD:
            r = a + b;
            break;
          case OPS.SUB:
            r = a - b;
            break;
          case OPS.MUL:
            r = Math.imul(a, b);
            break;
          case OPS.MOD:
            r = b === 0 ? 0 : ((a % b) + b) % b;
            break;
          case OPS.AND:
            r = a & b;
            break;
          case OPS.OR:
            r = a | b;
            break;
          case OPS.XOR:
            r = a ^ b;
            break;
          case OPS.SHL:
            r = a << b;
            break;
          case OPS.SHR:
            r = a >> b;
            break;
          case OPS.LT:
            r = a < b ? 1 : 0;
            break;
          case OPS.LE:
            r = a <= b ? 1 : 0;
            break;
          case OPS.GT:
            r = a > b ? 1 : 0;
            break;
          case OPS.GE:
            r = a >= b ? 1 : 0;
            break;
          case OPS.EQ:
            r = a === b ? 1 : 0;
            break;
          case OPS.NE:
            r = a !== b ? 1 : 0;
            break;
        }
        stack[sp - 1] = r;
      }
    }
  }
  return stack[0];
}
