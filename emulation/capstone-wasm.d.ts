// Types for the parts of capstone-wasm 1.0.3 this layer uses. The package ships dist/index.d.ts, but its
// package.json "exports" has no "types" condition, so TypeScript (moduleResolution nodenext) cannot find
// it; this ambient declaration mirrors that file.
declare module 'capstone-wasm' {
  export interface Insn {
    id: number;
    address: number | bigint;
    size: number;
    bytes: Uint8Array;
    mnemonic: string;
    opStr: string;
  }
  export class Capstone {
    arch: number;
    mode: number;
    constructor(arch: number, mode: number);
    setOption(opt: number, value: unknown): number;
    close(): void;
    disasm(data: number[] | Uint8Array, options?: { address?: number | bigint; count?: number }): Insn[];
    static version(): { major: number; minor: number };
    static support(query: number): boolean;
    static strError(errNo: number): string;
  }
  export const Const: {
    readonly CS_ARCH_ARM64: number;
    readonly CS_ARCH_X86: number;
    readonly CS_MODE_ARM: number;
    readonly CS_MODE_64: number;
    readonly CS_OPT_SYNTAX: number;
    readonly CS_OPT_SYNTAX_INTEL: number;
    readonly CS_OPT_SYNTAX_ATT: number;
  };
  export function loadCapstone(args?: Record<string, unknown>): Promise<void>;
}
