// The native engine on this machine: the System V contract of the compiled function checked by a caller
// written with the DSL (callee-saved registers and the caller's MXCSR restored; results computed under MXCSR
// 0x1F80 whatever the caller's), the state block passed in place, one compile per loaded program, and the
// engine's choice of backend per host (the interpreter, with a notice, where there is no JIT backend).
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../dsl/assembler.js';
import '../../src/arch/x64/index.js';
import { detectHost, host, nativeFunction } from '../../src/exec/index.js';
import { EXIT_STOPPED } from '../../src/jit/driver.js';
import { makeNativeEngine, nativeCodeFor, nativeEngine, runNative } from '../../src/jit/native-engine.js';
import { tablesBlock } from '../../src/jit/tables-block.js';
import { compileX64 } from '../../src/jit/x64/compile.js';
import { canonicalJson, canonicalState } from '../../src/vsp/canonical.js';
import { initialState, interpreterEngine } from '../../src/vsp/engine.js';
import { prepareProgram, runInterpreter } from '../../src/vsp/interpreter.js';
import { RunStatus } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { loadText as load } from '../support/load-program.js';

const canon = (st: VspState): string => canonicalJson(canonicalState(st));

/**
 * A caller of vsp_run (rdx = its address) that sets rbx, rbp, r12..r15 to known values and MXCSR to `mxcsr`,
 * calls, and returns the exit code plus (number of callee-saved registers not restored) << 8 plus (1 if
 * MXCSR was not restored) << 16, with V8's MXCSR and registers restored around it.
 */
function caller(mxcsr: number): (state: Uint8Array, tables: Uint8Array, fn: bigint) => bigint | number {
  const a = new Assembler('x64');
  a.dynasm`
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    sub rsp, 24
    stmxcsr dword ptr [rsp + 8]
    mov dword ptr [rsp + 12], ${mxcsr}
    ldmxcsr dword ptr [rsp + 12]
    mov rbx, 0x1111111111111111
    mov rbp, 0x2222222222222222
    mov r12, 0x3333333333333333
    mov r13, 0x4444444444444444
    mov r14, 0x5555555555555555
    mov r15, 0x6666666666666666
    call rdx
    xor r9d, r9d
    mov r8, 0x1111111111111111
    cmp rbx, r8
    setne r10b
    movzx r10d, r10b
    add r9d, r10d
    mov r8, 0x2222222222222222
    cmp rbp, r8
    setne r10b
    movzx r10d, r10b
    add r9d, r10d
    mov r8, 0x3333333333333333
    cmp r12, r8
    setne r10b
    movzx r10d, r10b
    add r9d, r10d
    mov r8, 0x4444444444444444
    cmp r13, r8
    setne r10b
    movzx r10d, r10b
    add r9d, r10d
    mov r8, 0x5555555555555555
    cmp r14, r8
    setne r10b
    movzx r10d, r10b
    add r9d, r10d
    mov r8, 0x6666666666666666
    cmp r15, r8
    setne r10b
    movzx r10d, r10b
    add r9d, r10d
    shl r9d, 8
    stmxcsr dword ptr [rsp + 12]
    cmp dword ptr [rsp + 12], ${mxcsr}
    setne r10b
    movzx r10d, r10b
    shl r10d, 16
    or r9d, r10d
    mov eax, eax
    or rax, r9
    ldmxcsr dword ptr [rsp + 8]
    add rsp, 24
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret`;
  return nativeFunction<(state: Uint8Array, tables: Uint8Array, fn: bigint) => bigint | number>(a.finalize(), 'uint64_t (void *state, void *tables, uint64_t fn)').call;
}

describe.skipIf(host.arch !== 'x64')('native x64: System V contract', () => {
  const loaded = load(`
.mode SIL-64
    ADDFLOAT R0, R8
    DIVFLOAT R0, R8
    SETMODE SIL-32
    MULFLOAT R8, R12
    SQRTFLOAT R12
    HLT
`);
  const regs = Uint8Array.from([...[0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xf5, 0x3f], ...[0x01, 0, 0, 0], ...[0x01, 0x00, 0x80, 0x00]]);
  it('restores rbx, rbp, r12..r15 and the caller MXCSR; results do not depend on the caller MXCSR', () => {
    const ref = new VspState().reset(initialState(loaded.program, { regs }));
    runInterpreter(prepareProgram(loaded), ref);
    const fn = nativeFunction(compileX64(loaded).code, 'uint32_t (void *state, void *tables)');
    // round toward zero + FTZ + DAZ, round down, the default
    for (const mxcsr of [0xffc0, 0x3f80, 0x1f80]) {
      const st = new VspState().reset(initialState(loaded.program, { regs }));
      const r = BigInt(caller(mxcsr)(st.bytes, tablesBlock(), fn.memory.address)); // koffi: number or bigint
      expect(Number(r & 0xffn)).toBe(EXIT_STOPPED);
      expect(Number((r >> 8n) & 0xffn)).toBe(0); // callee-saved registers
      expect(Number((r >> 16n) & 0xffn)).toBe(0); // MXCSR
      expect(canon(st)).toBe(canon(ref));
    }
    fn.dispose();
  });
});

describe.skipIf(host.arch !== 'x64')('native engine', () => {
  it('passes the state block in place and compiles a loaded program once', () => {
    const p = load('    MOVI R3, 5\n    STORE R3, 0x1234\n    HLT\n');
    const st = new VspState().reset(initialState(p.program, {}));
    const bytes = st.bytes;
    runNative(p, st);
    expect(st.bytes).toBe(bytes);
    expect([st.status, bytes[3], bytes[0x2000 + 0x1234]]).toEqual([RunStatus.halted, 0xd0, 0xd0]);
    expect(nativeCodeFor(p)).toBe(nativeCodeFor(p));
    expect(nativeCodeFor(p).compiled.arch).toBe('x64');
  });
  it('describes itself as the x64 JIT run natively, with no notice', () => {
    expect(nativeEngine.description).toMatch(/^the x64 JIT \(src\/jit\/x64\), its machine code run natively/);
    expect(nativeEngine.notice).toBe(null);
    expect(nativeEngine.unavailable()).toBe(null);
  });
});

describe('native engine on other hosts', () => {
  it('an ARM64 host gets the a64 backend', () => {
    const e = makeNativeEngine(detectHost('linux', 'arm64'), 'arm64', 'linux');
    expect(e.description).toMatch(/^the a64 JIT \(src\/jit\/a64\)/);
    expect(e.notice).toBe(null);
    expect(makeNativeEngine(detectHost('darwin', 'arm64'), 'arm64', 'darwin').notice).toBe(null);
  });
  it('a host with no backend falls back to the interpreter and says so', async () => {
    const e = makeNativeEngine(detectHost('linux', 'riscv64'), 'riscv64', 'linux');
    expect(e.description).toMatch(/reference interpreter: no JIT backend for riscv64/);
    expect(e.notice).toMatch(/running the reference interpreter instead/);
    const p = load('    MOVI R1, 2\n    MUL R1, R1\n    HLT\n');
    const a = new VspState().reset(initialState(p.program, {}));
    const b = new VspState().reset(initialState(p.program, {}));
    await e.run(p, a);
    await interpreterEngine.run(p, b);
    expect(canon(a)).toBe(canon(b));
    expect(makeNativeEngine(detectHost('freebsd', 'x64'), 'x64', 'freebsd').notice).toMatch(/no executable-memory support for freebsd/);
  });
});
