// A minimal ELF64 little-endian reader: sections, symbols and relocation counts, enough to take the
// bytes of each source line out of an object file (or a linked executable) made by GNU as / llvm-mc.

export interface ElfSection {
  readonly name: string;
  readonly type: number;
  readonly addr: bigint;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly entsize: number;
}

export interface ElfSymbol {
  readonly name: string;
  readonly value: bigint;
  readonly shndx: number;
}

export interface Elf {
  readonly sections: readonly ElfSection[];
  readonly symbols: readonly ElfSymbol[];
  section(name: string): ElfSection | undefined;
  bytes(s: ElfSection): Uint8Array;
  /** Offsets (within the section) of relocations applying to section index `target`. */
  relocOffsets(target: number): number[];
}

const SHT_SYMTAB = 2;
const SHT_RELA = 4;
const SHT_REL = 9;

export function readElf(buf: Uint8Array): Elf {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dv.getUint32(0, false) !== 0x7f454c46) throw new Error('not an ELF file');
  if (buf[4] !== 2 || buf[5] !== 1) throw new Error('only ELF64 little-endian is supported');
  const shoff = Number(dv.getBigUint64(0x28, true));
  const shentsize = dv.getUint16(0x3a, true);
  const shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    raw.push({
      nameOff: dv.getUint32(o, true),
      type: dv.getUint32(o + 4, true),
      addr: dv.getBigUint64(o + 16, true),
      offset: Number(dv.getBigUint64(o + 24, true)),
      size: Number(dv.getBigUint64(o + 32, true)),
      link: dv.getUint32(o + 40, true),
      info: dv.getUint32(o + 44, true),
      entsize: Number(dv.getBigUint64(o + 56, true)),
    });
  }
  const str = (secOffset: number, off: number): string => {
    let end = secOffset + off;
    while (buf[end] !== 0) end++;
    return new TextDecoder().decode(buf.subarray(secOffset + off, end));
  };
  const shstr = raw[shstrndx];
  const sections: ElfSection[] = raw.map((r) => ({ name: str(shstr.offset, r.nameOff), type: r.type, addr: r.addr, offset: r.offset, size: r.size, link: r.link, info: r.info, entsize: r.entsize }));
  const symbols: ElfSymbol[] = [];
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  if (symtab) {
    const strtab = sections[symtab.link];
    for (let o = symtab.offset; o < symtab.offset + symtab.size; o += 24) {
      symbols.push({ name: str(strtab.offset, dv.getUint32(o, true)), shndx: dv.getUint16(o + 6, true), value: dv.getBigUint64(o + 8, true) });
    }
  }
  return {
    sections,
    symbols,
    section: (name) => sections.find((s) => s.name === name),
    bytes: (s) => buf.slice(s.offset, s.offset + s.size),
    relocOffsets(target) {
      const out: number[] = [];
      for (const s of sections) {
        if ((s.type !== SHT_RELA && s.type !== SHT_REL) || s.info !== target) continue;
        const step = s.type === SHT_RELA ? 24 : 16;
        for (let o = s.offset; o < s.offset + s.size; o += step) out.push(Number(dv.getBigUint64(o, true)));
      }
      return out;
    },
  };
}
