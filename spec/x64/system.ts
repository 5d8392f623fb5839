// x86-64 system, serialization and miscellaneous instructions, and the NOP forms. Format: README.md.
import type { Row } from './types.js';

export const system: readonly Row[] = [
  { mn: 'nop', ops: '', op: '90' },
  // Multi-byte NOPs (SDM Vol. 2B "NOP"): `nop dword ptr [rax + rax*1 + 0]` = 0F 1F 44 00 00, …
  { mn: 'nop', ops: 'r/m16', op: '66 0F 1F /0' },
  { mn: 'nop', ops: 'r/m32', op: '0F 1F /0' },
  { mn: 'nop', ops: 'r/m64', op: 'REX.W 0F 1F /0' },
  { mn: 'pause', ops: '', op: 'F3 90' },
  { mn: 'cpuid', ops: '', op: '0F A2' },
  { mn: 'rdtsc', ops: '', op: '0F 31' },
  { mn: 'rdtscp', ops: '', op: '0F 01 F9' },
  { mn: 'lfence', ops: '', op: '0F AE E8' },
  { mn: 'mfence', ops: '', op: '0F AE F0' },
  { mn: 'sfence', ops: '', op: '0F AE F8' },
  { mn: 'ud2', ops: '', op: '0F 0B' },
  { mn: 'int3', ops: '', op: 'CC' },
  // `int 3` is the one-byte CC, as GNU as and llvm-mc encode it.
  { mn: 'int', ops: '3', op: 'CC' },
  { mn: 'int', ops: 'imm8', op: 'CD ib' },
  { mn: 'syscall', ops: '', op: '0F 05' },
  { mn: 'hlt', ops: '', op: 'F4' },
  { mn: 'clflush', ops: 'm8', op: '0F AE /7' },
  { mn: 'prefetcht0', ops: 'm8', op: '0F 18 /1' },
  { mn: 'prefetcht1', ops: 'm8', op: '0F 18 /2' },
  { mn: 'prefetcht2', ops: 'm8', op: '0F 18 /3' },
  { mn: 'prefetchnta', ops: 'm8', op: '0F 18 /0' },
];
