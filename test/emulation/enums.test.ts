// Every Unicorn number this layer uses (register ids, arch/mode/prot/hook/error/query/ctl constants, CPU
// models) against the C headers of the installed libunicorn-dev: a C program printing each enumerator is
// compiled with gcc and run. Unicorn ignores unknown register ids silently, so this is the guard.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CPU_MODELS, REGISTERS, unicornVersion } from '../../emulation/index.js';
import { CTL_WRITE_CPU_MODEL, CTL_WRITE_TB_REMOVE_CACHE, UC } from '../../emulation/native.js';

const HEADER = '/usr/include/unicorn/unicorn.h';
const GCC = ['/usr/bin/gcc', '/usr/bin/cc'].find((p) => existsSync(p));
const canCompile = existsSync(HEADER) && GCC !== undefined;

const X86_MODEL_C: Record<string, string> = {
  qemu64: 'QEMU64', phenom: 'PHENOM', core2duo: 'CORE2DUO', kvm64: 'KVM64', nehalem: 'NEHALEM', westmere: 'WESTMERE',
  sandybridge: 'SANDYBRIDGE', ivybridge: 'IVYBRIDGE', haswell: 'HASWELL', broadwell: 'BROADWELL', 'skylake-client': 'SKYLAKE_CLIENT',
  'skylake-server': 'SKYLAKE_SERVER', 'icelake-server': 'ICELAKE_SERVER', epyc: 'EPYC', 'epyc-rome': 'EPYC_ROME',
};

/** C expression → the value our tables claim. */
function expectations(): Array<[string, number]> {
  const e: Array<[string, number]> = [];
  for (const arch of ['a64', 'x64'] as const) for (const r of REGISTERS[arch]) e.push([r.cName, r.id]);
  for (const [k, v] of Object.entries(UC)) e.push([k, v]);
  e.push(['UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1)', CTL_WRITE_CPU_MODEL]);
  e.push(['UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2)', CTL_WRITE_TB_REMOVE_CACHE]);
  for (const [k, v] of Object.entries(CPU_MODELS.a64)) e.push([`UC_CPU_ARM64_${k.toUpperCase()}`, v]);
  for (const [k, v] of Object.entries(CPU_MODELS.x64)) e.push([`UC_CPU_X86_${X86_MODEL_C[k]}`, v]);
  return e;
}

describe('Unicorn enum values match the installed headers', () => {
  it.skipIf(!canCompile)('every register id and constant equals its C enumerator (gcc + /usr/include/unicorn)', () => {
    const exp = expectations();
    const dir = mkdtempSync(join(tmpdir(), 'dynasm-uc-enums-'));
    try {
      const lines = exp.map(([c], i) => `  printf("%d %lld\\n", ${i}, (long long)(int)(${c}));`);
      const src = `#include <stdio.h>\n#include <unicorn/unicorn.h>\nint main(void) {\n${lines.join('\n')}\n  return 0;\n}\n`;
      writeFileSync(join(dir, 'enums.c'), src);
      execFileSync(GCC!, ['-o', join(dir, 'enums'), join(dir, 'enums.c')], { stdio: 'pipe' });
      const out = execFileSync(join(dir, 'enums'), { encoding: 'utf8' }).trim().split('\n');
      expect(out.length).toBe(exp.length);
      const mismatches: string[] = [];
      for (const line of out) {
        const [i, v] = line.split(' ').map(Number);
        if (exp[i][1] !== v) mismatches.push(`${exp[i][0]}: header ${v}, ours ${exp[i][1]}`);
      }
      expect(mismatches).toEqual([]);
      // 1 (a64 x29 alias fp) and a few more are shared; the table still has 140+ entries.
      expect(exp.length).toBeGreaterThan(180);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the library is Unicorn 2', () => {
    const v = unicornVersion();
    expect(v.major).toBe(2);
  });
});
