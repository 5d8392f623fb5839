// Helpers for the native ARM64 suite (run by scripts/arm64.mjs under the arm64 node): the AArch64 oracle
// assembler and readers of this process's mappings and resident memory.
//
// Code bytes come from GNU as for AArch64 (binutils-aarch64-linux-gnu), never from our own encoder: the suite
// tests executable memory and the calling path, so its inputs must not depend on the code under test. The
// assembler is an x86-64 binary; the arm64 node under qemu-user can still spawn it, because qemu passes
// execve() through to the host kernel (only an arm64 child, such as a second node, needs qemu again).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cache = new Map<string, Uint8Array>();

/** Assembles AArch64 source with GNU as and returns the .text bytes. */
export function gnuAsA64(source: string): Uint8Array {
  const hit = cache.get(source);
  if (hit) return hit;
  const dir = mkdtempSync(join(tmpdir(), 'dynasm-a64-'));
  try {
    writeFileSync(join(dir, 't.s'), `.text\n${source}\n`);
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 't.o'), join(dir, 't.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 't.o'), join(dir, 't.bin')]);
    const bytes = new Uint8Array(readFileSync(join(dir, 't.bin')));
    if (bytes.length === 0 || bytes.length % 4 !== 0) throw new Error(`GNU as produced ${bytes.length} bytes for:\n${source}`);
    cache.set(source, bytes);
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface MapsEntry {
  start: bigint;
  end: bigint;
  perms: string;
}

function maps(): string[] {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').filter((l) => l.length > 0);
}

/** This process's mappings. Under qemu-user /proc/self/maps is qemu's view of the guest's mappings, with the
 * guest's protections; reading it is slow there (~20 ms), so callers checking many addresses read it once. */
export function readMaps(): MapsEntry[] {
  const out: MapsEntry[] = [];
  for (const line of maps()) {
    const m = /^([0-9a-f]+)-([0-9a-f]+)\s+(\S+)/.exec(line);
    if (m) out.push({ start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`), perms: m[3] });
  }
  return out;
}

/**
 * The mapping that contains `addr`, if any. Adjacent anonymous mappings with the same protection are merged
 * by the kernel, so the entry may start below `addr`.
 */
export function mappingOf(addr: bigint, entries: MapsEntry[] = readMaps()): MapsEntry | undefined {
  return entries.find((e) => e.start <= addr && addr < e.end);
}

export function mappingCount(): number {
  return maps().length;
}

/**
 * Bytes in anonymous read+execute mappings (no backing file, not writable): code pages made by src/exec (plus
 * qemu's one signal-trampoline page). V8's own code space on arm64 Linux is rwxp and is not counted. Summed
 * sizes, so leaked pages count even where adjacent mappings with equal protection are merged into one line.
 */
export function anonCodeBytes(): number {
  let total = 0n;
  for (const line of maps()) {
    const m = /^([0-9a-f]+)-([0-9a-f]+)\s+(\S+)\s+\S+\s+\S+\s+(\d+)\s*(.*)$/.exec(line);
    if (!m || m[3] !== 'r-xp' || m[4] !== '0' || m[5] !== '') continue;
    total += BigInt(`0x${m[2]}`) - BigInt(`0x${m[1]}`);
  }
  return Number(total);
}

/**
 * Resident memory in MiB from /proc/self/statm (resident pages × 4 KiB). Not process.memoryUsage().rss: under
 * qemu-user, node reads /proc/self/stat, which qemu emulates with a zero RSS; statm is passed through and gives
 * the resident set of the whole emulator process (guest heap plus qemu's translation cache).
 */
export function residentMiB(): number {
  const resident = Number(readFileSync('/proc/self/statm', 'utf8').split(' ')[1]);
  return (resident * 4096) / 2 ** 20;
}

export const U64 = (1n << 64n) - 1n;
