// ExecutableMemory: native memory that holds generated code. It is writable or executable, never both
// (W^X): `ExecutableMemory.fromCode(bytes)` maps pages RW, copies the code, flushes the instruction cache and
// flips them to RX. Memory is released by `dispose()` or, if the owner forgets, when the object is garbage
// collected (FinalizationRegistry).
import { ExecMemoryError, osMemory, type OsMemory } from './os-memory.js';

interface Mapping {
  addr: bigint;
  size: number;
  live: boolean;
}

const registry = new FinalizationRegistry<Mapping>((m) => {
  if (m.live) {
    m.live = false;
    try {
      osMemory().unmap(m.addr, m.size);
    } catch {
      // Nothing can be reported from a finalizer; the mapping is lost either way.
    }
  }
});

let liveMappings = 0;

export class ExecutableMemory {
  private readonly mapping: Mapping;
  private readonly os: OsMemory;

  private constructor(os: OsMemory, addr: bigint, size: number, readonly codeSize: number) {
    this.os = os;
    this.mapping = { addr, size, live: true };
    liveMappings++;
    registry.register(this, this.mapping, this);
  }

  /** Maps the code into fresh pages and makes them executable. */
  static fromCode(code: Uint8Array): ExecutableMemory {
    if (code.length === 0) throw new ExecMemoryError('fromCode', 0, 'no code to map (0 bytes)');
    const os = osMemory();
    const size = Math.ceil(code.length / os.pageSize) * os.pageSize;
    const addr = os.mapWritable(size);
    try {
      os.write(addr, code);
      os.flushIcache(addr, code.length);
      os.makeExecutable(addr, size);
    } catch (e) {
      os.unmap(addr, size);
      throw e;
    }
    return new ExecutableMemory(os, addr, size, code.length);
  }

  /** Native address of the first code byte. */
  get address(): bigint {
    this.checkLive();
    return this.mapping.addr;
  }

  /** Size of the mapping in bytes (whole pages). */
  get mappedSize(): number {
    return this.mapping.size;
  }

  get disposed(): boolean {
    return !this.mapping.live;
  }

  /**
   * Replaces code in place: flips the pages to RW, copies, flushes the instruction cache, flips back to RX.
   * The caller must not run the code while this happens.
   */
  patch(offset: number, bytes: Uint8Array): void {
    this.checkLive();
    if (!Number.isInteger(offset) || offset < 0 || offset + bytes.length > this.codeSize) {
      throw new ExecMemoryError('patch', 0, `patch of ${bytes.length} bytes at ${offset} is outside the ${this.codeSize}-byte code`);
    }
    const { addr, size } = this.mapping;
    this.os.makeWritable(addr, size);
    this.os.write(addr + BigInt(offset), bytes);
    this.os.flushIcache(addr + BigInt(offset), bytes.length);
    this.os.makeExecutable(addr, size);
  }

  /** Releases the pages now. Idempotent. */
  dispose(): void {
    if (!this.mapping.live) return;
    this.mapping.live = false;
    liveMappings--;
    registry.unregister(this);
    this.os.unmap(this.mapping.addr, this.mapping.size);
  }

  private checkLive(): void {
    if (!this.mapping.live) throw new ExecMemoryError('use', 0, 'executable memory used after dispose()');
  }

  /** Mappings created and not yet disposed explicitly (for leak tests; GC-released ones are not subtracted). */
  static get liveCount(): number {
    return liveMappings;
  }
}
