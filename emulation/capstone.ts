// Disassembly for 'a64' and 'x64' through capstone-wasm (Capstone 5.0, WebAssembly).
//
// The wasm module is loaded once, on first use (loadDisassembler(), ~100 ms); one Capstone handle per
// architecture is created then and kept for the life of the process. x64 output is Intel syntax.
// Capstone stops at the first undecodable instruction (and capstone-wasm then throws "error: OK"); this
// module turns that into a DisassemblyError naming the offset, the address and the bytes.
import { DisassemblyError, InvalidArgumentError, LibraryUnavailableError, hex, hexBytes } from './errors.js';
import type { Arch } from './registers.js';

/** One decoded instruction. */
export interface DisasmInsn {
  readonly address: bigint;
  readonly size: number;
  /** A copy of the instruction's bytes. */
  readonly bytes: Uint8Array;
  readonly mnemonic: string;
  /** Operands as Capstone prints them ('' when there are none). */
  readonly opStr: string;
}

export interface DisasmOptions {
  /** Address of the first byte. Default 0. */
  address?: bigint | number;
  /** 'throw' (default): DisassemblyError at the first undecodable instruction. 'data': emit it as
   *  `.inst 0x…` (a64, 4 bytes) or `.byte 0x…` (x64, 1 byte) and go on. */
  onInvalid?: 'throw' | 'data';
}

// The parts of capstone-wasm this module uses.
interface CsInsn {
  address: number | bigint;
  size: number;
  bytes: Uint8Array;
  mnemonic: string;
  opStr: string;
}
interface CsHandle {
  disasm(data: Uint8Array, options?: { address?: number | bigint; count?: number }): CsInsn[];
}

/** A loaded disassembler: synchronous calls once the wasm module is in. */
export interface Disassembler {
  /** Disassembles all of `bytes`; see DisasmOptions. */
  disassemble(arch: Arch, bytes: Uint8Array, options?: DisasmOptions): DisasmInsn[];
  /** Capstone's version as reported by the wasm module (5.0). */
  readonly version: { major: number; minor: number };
}

let loading: Promise<Disassembler> | undefined;
let ready: Disassembler | undefined;

/** Loads capstone-wasm once (later calls return the same disassembler). */
export function loadDisassembler(): Promise<Disassembler> {
  if (loading === undefined) {
    loading = (async () => {
      let mod: typeof import('capstone-wasm');
      try {
        mod = await import('capstone-wasm');
        await mod.loadCapstone();
      } catch (e) {
        loading = undefined;
        throw new LibraryUnavailableError(`cannot load capstone-wasm (npm dependency of dynasm-ts; run npm ci): ${(e as Error).message}`);
      }
      const { Capstone, Const } = mod;
      const handles: Record<Arch, CsHandle> = {
        a64: new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM) as unknown as CsHandle,
        x64: new Capstone(Const.CS_ARCH_X86, Const.CS_MODE_64) as unknown as CsHandle,
      };
      const d: Disassembler = {
        disassemble: (arch, bytes, options) => run(handles, arch, bytes, options ?? {}),
        version: Capstone.version(),
      };
      ready = d;
      return d;
    })();
  }
  return loading;
}

/** The disassembler if loadDisassembler() has completed, else undefined. */
export function loadedDisassembler(): Disassembler | undefined {
  return ready;
}

/** Disassembles `bytes` (loading Capstone on first use). */
export async function disassemble(arch: Arch, bytes: Uint8Array, options: DisasmOptions = {}): Promise<DisasmInsn[]> {
  return (await loadDisassembler()).disassemble(arch, bytes, options);
}

/** Bytes handed to Capstone per call: capstone-wasm copies its input onto the wasm stack, which a large
 *  input overflows (and then reports as "nothing decoded"). An instruction cut at the chunk end is simply
 *  decoded again from its start by the next call. */
const CHUNK = 4096;

function run(handles: Record<Arch, CsHandle>, arch: Arch, bytes: Uint8Array, options: DisasmOptions): DisasmInsn[] {
  const cs = handles[arch];
  if (cs === undefined) throw new InvalidArgumentError(`unknown architecture '${String(arch)}': allowed are 'a64', 'x64'`);
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('disassemble: bytes must be a Uint8Array');
  const base = options.address === undefined ? 0n : BigInt(options.address);
  if (base < 0n || base >= 1n << 64n) throw new InvalidArgumentError(`disassemble: address ${hex(base)} is outside 0..2^64-1`);
  const onInvalid = options.onInvalid ?? 'throw';
  if (onInvalid !== 'throw' && onInvalid !== 'data') throw new InvalidArgumentError(`disassemble: onInvalid must be 'throw' or 'data', got '${String(onInvalid)}'`);
  const out: DisasmInsn[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const address = BigInt.asUintN(64, base + BigInt(offset));
    let decoded: CsInsn[] = [];
    try {
      decoded = cs.disasm(bytes.subarray(offset, offset + CHUNK), { address });
    } catch {
      decoded = []; // capstone-wasm throws "Failed to disassemble, error: OK" when nothing decodes
    }
    if (decoded.length === 0) {
      const width = arch === 'a64' ? 4 : 1;
      if (onInvalid === 'throw' || bytes.length - offset < width) {
        const shown = bytes.slice(offset, Math.min(bytes.length, offset + 16));
        const why = arch === 'a64' && bytes.length - offset < 4 ? `only ${bytes.length - offset} byte(s) left of a 4-byte instruction` : 'not a valid instruction';
        throw new DisassemblyError(
          arch,
          offset,
          address,
          shown,
          `cannot disassemble ${arch} at offset ${offset} (address ${hex(address)}): ${why}; bytes: ${hexBytes(shown)}`,
        );
      }
      const chunk = bytes.slice(offset, offset + width);
      const value = arch === 'a64' ? new DataView(chunk.buffer).getUint32(0, true) : chunk[0];
      out.push({ address, size: width, bytes: chunk, mnemonic: arch === 'a64' ? '.inst' : '.byte', opStr: hex(value) });
      offset += width;
      continue;
    }
    for (const insn of decoded) {
      out.push({
        address: BigInt(insn.address),
        size: insn.size,
        bytes: Uint8Array.from(insn.bytes.subarray(0, insn.size)),
        mnemonic: insn.mnemonic,
        opStr: insn.opStr,
      });
      offset += insn.size;
    }
  }
  return out;
}

/** `mnemonic opStr` of one instruction. */
export function insnText(i: DisasmInsn): string {
  return i.opStr === '' ? i.mnemonic : `${i.mnemonic} ${i.opStr}`;
}

/**
 * A listing, one line per instruction: address, hex bytes (padded to the widest), text.
 *   0x100000  20 00 02 8b  add x0, x1, x2
 */
export function formatListing(insns: readonly DisasmInsn[]): string {
  let addrWidth = 0;
  let bytesWidth = 0;
  for (const i of insns) {
    addrWidth = Math.max(addrWidth, i.address.toString(16).length);
    bytesWidth = Math.max(bytesWidth, i.size * 3 - 1);
  }
  return insns
    .map((i) => `0x${i.address.toString(16).padStart(addrWidth, '0')}  ${hexBytes(i.bytes).padEnd(bytesWidth)}  ${insnText(i)}`)
    .join('\n');
}
