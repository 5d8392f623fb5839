// The VSP from TypeScript: assemble a text program (examples/sum.vsp), run it on the reference interpreter
// and on every JIT engine available here (native x86-64 or ARM64; the ARM64 and x86-64 backends in Unicorn),
// and compare the canonical final states (spec section 11), which must be identical.
// Run: npm run build && node dist/examples/vsp-demo.js
import { readFileSync } from 'node:fs';
import { assembleText, canonicalJson, checkProgram, disassembleText, interpreterEngine, packagePath, runProgram, type VspEngine } from '../src/index.js';
import { nativeEngine, unicornA64Engine, unicornX64Engine } from '../src/jit/index.js';

/** Initial registers for `n`: R4..R7 = n as int32 little-endian, everything else NULL (0x00). */
export function registersFor(n: number): Uint8Array {
  const regs = new Uint8Array(16);
  new DataView(regs.buffer).setInt32(4, n, true);
  return regs;
}

/** The canonical final state of examples/sum.vsp for `n` on each engine that can run here, as JSON lines. */
export async function runEverywhere(n: number): Promise<{ engine: string; json: string }[]> {
  const source = readFileSync(packagePath('examples', 'sum.vsp'), 'utf8');
  const loaded = checkProgram(assembleText(source, 'sum.vsp')); // assembleText throws VspAsmError on bad text
  if (!loaded.ok) throw new Error(`sum.vsp does not load: ${loaded.error} at offset ${loaded.offset}`);
  const engines: VspEngine[] = [interpreterEngine, nativeEngine, unicornA64Engine, unicornX64Engine];
  const out: { engine: string; json: string }[] = [];
  for (const engine of engines) {
    if (engine.unavailable() !== null) continue;
    const { canonical } = await runProgram(loaded, { regs: registersFor(n), maxCycles: 1_000_000 }, engine);
    out.push({ engine: engine.name, json: canonicalJson(canonical) });
  }
  return out;
}

export async function main(print: (line: string) => void = console.log): Promise<void> {
  const source = readFileSync(packagePath('examples', 'sum.vsp'), 'utf8');
  print('examples/sum.vsp, canonical disassembly:');
  for (const line of disassembleText(assembleText(source, 'sum.vsp')).trimEnd().split('\n')) print(`  ${line}`);
  const n = 100;
  const runs = await runEverywhere(n);
  print(`n = ${n}:`);
  for (const r of runs) print(`${r.engine.padEnd(12)} ${r.json}`);
  const same = runs.every((r) => r.json === runs[0]!.json);
  print(same ? `all ${runs.length} engines agree` : 'ENGINES DISAGREE');
  if (!same) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
