// The row format of spec/x64 (documented in README.md next to this file).
// Rows are plain data in the notation of the Intel SDM's opcode tables; src/arch/x64/forms.ts reads
// them once at load time.

/** One instruction form: a line of an SDM opcode table. */
export interface Row {
  /**
   * Mnemonic, lowercase. `<cc>` expands to one mnemonic per condition-code spelling (`j<cc>` → `jo`,
   * `jno`, `jb`, `jc`, `jnae`, …) and gives the opcode's `+cc` its value.
   */
  readonly mn: string;
  /**
   * Operand types, comma-separated, in Intel order (destination first). '' = no operands.
   * Registers `r8 r16 r32 r64 xmm ymm`; register or memory `r/m8 … r/m64`, `xmm/m32`, `r32/m8` (a
   * 32-bit register or a byte of memory), …; memory `m` (any size) and `m8 … m256`; immediates `imm8
   * imm16 imm32 imm64` (a raw field: any value whose signed or unsigned reading fits), `simm8 simm32`
   * (sign-extended to the operation size); `rel8 rel32` (labels); fixed registers and `1` as written
   * (`al`, `cl`, `rax`, `xmm0`, `1`). The full list is in README.md.
   */
  readonly ops: string;
  /**
   * The opcode column: prefixes and bytes in hex (`66`, `F2`, `F3` are written out, also the
   * operand-size `66` of 16-bit forms), `REX.W`, `VEX.<L>.<pp>.<map>.<W>`, `+rb/+rw/+rd/+ro` (register
   * in the low 3 bits of the last opcode byte), `+cc` (condition code), `/0`…`/7` (ModRM.reg digit),
   * `/r`, immediates `ib iw id io`, relative `cb cd`, `/is4` (a register in imm8[7:4]).
   */
  readonly op: string;
  /**
   * Where each operand goes, one letter per operand (SDM "Op/En" spelled per operand): `R` ModRM.reg,
   * `M` ModRM.rm, `V` VEX.vvvv, `O` opcode low bits, `I` immediate, `D` relative, `L` imm8[7:4],
   * `-` implicit (fixed register or `1`). Optional when it follows from the types (README.md).
   */
  readonly en?: string;
  /** CPUID feature the form needs ('bmi1', 'sse4.1', 'avx2', …); documentation and oracle flags. */
  readonly feat?: string;
  /** `lock` may prefix this form (its memory destination). */
  readonly lock?: boolean;
  /** Which repeat prefixes the form takes: 'rep' (rep), 'repe' (rep/repe/repz/repne/repnz). */
  readonly rep?: 'rep' | 'repe';
  /**
   * GNU as swaps register operands onto this row's twin (same mnemonic, `R`/`M` exchanged) when only
   * the ModRM.rm register is extended, to use the 2-byte VEX prefix (`vmovaps xmm0, xmm8` → C5 78 29 C0).
   */
  readonly swap?: boolean;
  /** The memory operand must carry its size (`word ptr`) for this row: an unsized one means the other rows (push/pop). */
  readonly sizedMem?: boolean;
  /** Relocation kind (spec/x64/relocs.ts) of the form's label reference; default `rel32` / `rel8`. */
  readonly reloc?: 'rel32' | 'rel8' | 'jmp32' | 'jcc32';
  /** Operation size when no operand has a size (push imm, …): the width `simm8`/`simm32` extend to. */
  readonly osz?: 16 | 32 | 64;
  /** Short note shown in listings and docs. */
  readonly note?: string;
}
