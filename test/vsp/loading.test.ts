// Loading: decoding and the program checks (spec 3.1, 3.2), the .silc container (spec 9) with every error in
// the spec's order and its offset, FNV-1a 64 against published vectors and a bigint implementation, and the
// canonical state object (spec 11).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VSP_OPCODE_BY_CODE, VSP_OPCODES, type VspShape } from '../../spec/vsp/opcodes.js';
import { canonicalInvalid, canonicalJson, canonicalState } from '../../src/vsp/canonical.js';
import { loadContainer, readContainer, writeContainer } from '../../src/vsp/container.js';
import { decodeInstruction } from '../../src/vsp/decode.js';
import { Fnv1a64, fnv1a64Hex } from '../../src/vsp/fnv.js';
import { SymbolKind, type Program } from '../../src/vsp/program.js';
import { Mode, S, VspError } from '../../src/vsp/state-layout.js';
import { verifyProgram } from '../../src/vsp/verify.js';
import { propertyRuns } from '../support/runs.js';
import { code, enc, run } from './helpers.js';

/** The reserved-bit rules of spec 3.1, written from its shape table. */
function specValid(shape: VspShape, size: number, b: number[]): boolean {
  const [b1 = 0, b2 = 0, b3 = 0] = b;
  switch (shape) {
    case 'r':
      return size === 2 ? b1 >> 4 === 0 : b1 >> 4 === 0 && b2 === 0;
    case 'rr':
      return b2 === 0;
    case 'ri':
    case 'ra16':
      return b1 >> 4 === 0;
    case 'm':
      return size === 2 ? b1 <= 4 : b1 === 0 && b2 <= 4;
    case 'ch':
      return b2 === 0 && b3 === 0;
    default:
      return true;
  }
}

describe('decoding (spec 3.1, 3.2 pass 1)', () => {
  it('the 139 non-opcodes are bad_opcode; the 117 opcodes decode with their size', () => {
    let bad = 0;
    for (let op = 0; op < 256; op++) {
      const d = decodeInstruction(Uint8Array.of(op, 0, 0, 0), 0);
      if (VSP_OPCODE_BY_CODE[op] === undefined) {
        bad++;
        expect(d).toEqual({ ok: false, error: VspError.bad_opcode, offset: 0 });
      } else {
        expect(d.ok && d.insn.size).toBe(VSP_OPCODE_BY_CODE[op]!.size);
      }
    }
    expect(bad).toBe(139);
  });
  it('truncated when the code ends inside the instruction (checked before the encoding)', () => {
    for (const o of VSP_OPCODES) {
      for (let have = 1; have < o.size; have++) {
        const bytes = Uint8Array.of(0x00, o.code, ...new Array(have - 1).fill(0xff));
        expect(decodeInstruction(bytes, 1)).toEqual({ ok: false, error: VspError.truncated, offset: 1 });
      }
    }
  });
  it('bad_encoding exactly when a reserved bit is set or a mode operand is above 4', () => {
    for (const o of VSP_OPCODES) {
      const vals = [0, 1, 4, 5, 15, 16, 0x80, 0xff];
      for (const b1 of vals)
        for (const b2 of o.size > 2 ? vals : [0])
          for (const b3 of o.size > 3 ? [0, 1, 0xff] : [0]) {
            const ops = [b1, b2, b3].slice(0, o.size - 1);
            const d = decodeInstruction(Uint8Array.of(o.code, ...ops), 0);
            const want = specValid(o.shape, o.size, ops);
            if (d.ok !== want) expect([o.mnemonic, ops, d.ok]).toEqual([o.mnemonic, ops, want]);
            if (!d.ok) expect(d).toEqual({ ok: false, error: VspError.bad_encoding, offset: 0 });
          }
    }
  });
});

describe('program checks (spec 3.2)', () => {
  const v = (c: Uint8Array, entry = 0): unknown => {
    const r = verifyProgram(c, entry);
    return r.ok ? 'ok' : [VspError[r.error], r.offset];
  };
  it('pass 1 reports the first failing instruction, before any target or entry problem', () => {
    expect(v(code(enc('JMP', 99), [0x04]))).toEqual(['bad_opcode', 4]);
    expect(v(code(enc('NOP'), [0x21, 0x10]))).toEqual(['truncated', 1]);
    expect(v(code(enc('NOP'), [0xa0, 0x09]), 7)).toEqual(['bad_encoding', 1]);
  });
  it('bad_target: a target inside an instruction, at the code length or beyond; every branch opcode', () => {
    for (const m of ['JMP', 'JZ', 'JN', 'JC', 'JO', 'CALL', 'LOOP']) {
      expect(v(code(enc('MOVI', 0, 1), enc(m, 1)))).toEqual(['bad_target', 3]);
      expect(v(code(enc('MOVI', 0, 1), enc(m, 7)))).toEqual(['bad_target', 3]);
      expect(v(code(enc('MOVI', 0, 1), enc(m, 0xffffff)))).toEqual(['bad_target', 3]);
      expect(v(code(enc('MOVI', 0, 1), enc(m, 3)))).toBe('ok');
    }
    // other a24 operands are not code addresses
    expect(v(code(enc('LSTATE', 5), enc('TRANS', 1), enc('BATCH', 2), enc('PREFETCH', 9)))).toBe('ok');
    // pass 2 runs in offset order and before the entry check
    expect(v(code(enc('JMP', 2), enc('JMP', 1)), 3)).toEqual(['bad_target', 0]);
  });
  it('bad_entry: the entry must start an instruction; the code length is not one; empty code needs 0', () => {
    const c = code(enc('MOVI', 0, 1), enc('HLT'));
    expect(v(c, 3)).toBe('ok');
    expect(v(c, 1)).toEqual(['bad_entry', 1]);
    expect(v(c, 4)).toEqual(['bad_entry', 4]);
    expect(v(c, 0xffffffff)).toEqual(['bad_entry', 0xffffffff]);
    expect(v(new Uint8Array(0), 0)).toBe('ok');
    expect(v(new Uint8Array(0), 1)).toEqual(['bad_entry', 1]);
  });
});

/** FNV-1a 64 with bigint, straight from the definition. */
function fnvBig(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

describe('FNV-1a 64', () => {
  it('published vectors', () => {
    const t = (s: string): string => fnv1a64Hex(new TextEncoder().encode(s));
    expect(t('')).toBe('cbf29ce484222325');
    expect(t('a')).toBe('af63dc4c8601ec8c');
    expect(t('foobar')).toBe('85944171f73967e8');
  });
  it('equals the bigint definition on random bytes and in pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (b, cut) => {
        const k = b.length === 0 ? 0 : cut % b.length;
        expect(fnv1a64Hex(b)).toBe(fnvBig(b));
        expect(new Fnv1a64().update(b, 0, k).update(b, k).hex()).toBe(fnvBig(b));
        expect(new Fnv1a64().update(b).value()).toBe(BigInt('0x' + fnvBig(b)));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

const sample: Program = {
  code: code(enc('MOVI', 0, 5), enc('JMP', 0)),
  entry: 3,
  mode: Mode.SIL32,
  data: Uint8Array.of(1, 2, 3),
  symbols: [
    { name: 'start', address: 0, kind: SymbolKind.label },
    { name: 'tablé', address: 1, kind: SymbolKind.data },
    { name: 'f', address: 3, kind: SymbolKind.function },
  ],
  debug: { source: 'x.vsp', lines: [{ line: 1, address: 0 }, { line: 2, address: 3 }] },
};

/** Rewrites header fields of a container and fixes nothing else. */
function patch(file: Uint8Array, f: (v: DataView) => void): Uint8Array {
  const out = Uint8Array.from(file);
  f(new DataView(out.buffer));
  return out;
}
function fixChecksum(file: Uint8Array): Uint8Array {
  const v = new DataView(file.buffer, file.byteOffset);
  const end = 32 + v.getUint32(8, true) + v.getUint32(12, true);
  const h = BigInt('0x' + fnvBig(file.subarray(32, end)));
  v.setBigUint64(24, h, true);
  return file;
}
const err = (file: Uint8Array): unknown => {
  const r = loadContainer(file);
  return r.ok ? 'ok' : [VspError[r.error], r.offset];
};

describe('the container (spec 9)', () => {
  it('writes the documented layout and reads it back', () => {
    const f = writeContainer(sample);
    const v = new DataView(f.buffer);
    expect([...f.subarray(0, 4)]).toEqual([0x53, 0x49, 0x4c, 0x43]);
    expect([v.getUint16(4, true), v.getUint16(6, true), v.getUint32(8, true), v.getUint32(12, true), v.getUint32(20, true)]).toEqual([0x0100, 2, 7, 3, 3]);
    expect(v.getBigUint64(24, true).toString(16).padStart(16, '0')).toBe(fnvBig(Uint8Array.of(...sample.code, ...sample.data)));
    const symSize = 4 + (2 + 5 + 5) + (2 + 6 + 5) + (2 + 1 + 5); // "tablé" is 6 UTF-8 bytes
    expect(v.getUint32(16, true)).toBe(symSize);
    expect(f.length).toBe(32 + 7 + 3 + symSize + 2 + 5 + 4 + 16);
    const r = readContainer(f);
    expect(r.ok && r.program).toEqual(sample);
    expect(err(f)).toBe('ok');
  });
  it('size 0 means no symbol table; an empty table is count = 0', () => {
    const none = writeContainer({ code: sample.code, entry: 0, mode: Mode.SIL8, data: new Uint8Array(0) });
    expect(new DataView(none.buffer).getUint32(16, true)).toBe(0);
    const r = readContainer(none);
    expect(r.ok && r.program.symbols).toBe(undefined);
    const empty = writeContainer({ code: sample.code, entry: 0, mode: Mode.SIL8, data: new Uint8Array(0), symbols: [] });
    expect(new DataView(empty.buffer).getUint32(16, true)).toBe(4);
    const e = readContainer(empty);
    expect(e.ok && e.program.symbols).toEqual([]);
  });
  it('bad_magic (offset 0), also for fewer than 4 bytes', () => {
    expect(err(new Uint8Array(0))).toEqual(['bad_magic', 0]);
    expect(err(Uint8Array.of(0x53, 0x49, 0x4c))).toEqual(['bad_magic', 0]);
    expect(err(patch(writeContainer(sample), (v) => v.setUint8(3, 0x44)))).toEqual(['bad_magic', 0]);
  });
  it('bad_version (offset 4), also for fewer than 6 bytes', () => {
    expect(err(Uint8Array.of(0x53, 0x49, 0x4c, 0x43))).toEqual(['bad_version', 4]);
    expect(err(Uint8Array.of(0x53, 0x49, 0x4c, 0x43, 0x00))).toEqual(['bad_version', 4]);
    expect(err(patch(writeContainer(sample), (v) => v.setUint16(4, 0x0101, true)))).toEqual(['bad_version', 4]);
  });
  it('bad_mode (offset 6), also for fewer than 8 bytes', () => {
    expect(err(Uint8Array.of(0x53, 0x49, 0x4c, 0x43, 0x00, 0x01))).toEqual(['bad_mode', 6]);
    expect(err(Uint8Array.of(0x53, 0x49, 0x4c, 0x43, 0x00, 0x01, 4))).toEqual(['bad_mode', 6]);
    expect(err(patch(writeContainer(sample), (v) => v.setUint16(6, 5, true)))).toEqual(['bad_mode', 6]);
  });
  it('bad_size (offset 8): short header, sizes past the end (no wrapping), data above 64 KiB, code above 16 MiB', () => {
    const f = writeContainer(sample);
    expect(err(f.subarray(0, 31))).toEqual(['bad_size', 8]);
    expect(err(Uint8Array.of(0x53, 0x49, 0x4c, 0x43, 0x00, 0x01, 4, 0))).toEqual(['bad_size', 8]);
    expect(err(patch(f, (v) => v.setUint32(16, 1000, true)))).toEqual(['bad_size', 8]);
    expect(err(patch(f, (v) => v.setUint32(8, 0xffffffff, true)))).toEqual(['bad_size', 8]);
    expect(err(patch(f, (v) => { v.setUint32(8, 0xfffffff0, true); v.setUint32(12, 0x20, true); }))).toEqual(['bad_size', 8]);
    const bigData = writeContainer({ code: new Uint8Array(0), entry: 0, mode: 0, data: new Uint8Array(0x10000) });
    const grown = new Uint8Array(bigData.length + 1);
    grown.set(bigData);
    expect(err(fixChecksum(patch(grown, (v) => v.setUint32(12, 0x10001, true))))).toEqual(['bad_size', 8]);
    const bigCode = new Uint8Array(32 + 16 * 1024 * 1024 + 1);
    bigCode.set(f.subarray(0, 32));
    const bv = new DataView(bigCode.buffer);
    bv.setUint32(8, 16 * 1024 * 1024 + 1, true);
    bv.setUint32(12, 0, true);
    bv.setUint32(16, 0, true);
    expect(err(bigCode)).toEqual(['bad_size', 8]);
  });
  it('bad_checksum (offset 24) over code then data', () => {
    const f = writeContainer(sample);
    expect(err(patch(f, (v) => v.setUint8(24, v.getUint8(24) ^ 1)))).toEqual(['bad_checksum', 24]);
    expect(err(patch(f, (v) => v.setUint8(32 + 7, 9)))).toEqual(['bad_checksum', 24]); // a data byte
    expect(err(patch(f, (v) => v.setUint8(32 + 10, 0x41)))).not.toEqual(['bad_checksum', 24]); // symbols are not summed
  });
  it('bad_symbols (offset of the table): short parse, trailing bytes, kind above 3, name not UTF-8', () => {
    const f = writeContainer(sample);
    const symAt = 32 + 7 + 3;
    expect(err(patch(f, (v) => v.setUint32(symAt, 4, true)))).toEqual(['bad_symbols', symAt]); // count too large
    expect(err(patch(f, (v) => v.setUint32(symAt, 2, true)))).toEqual(['bad_symbols', symAt]); // bytes left over
    expect(err(patch(f, (v) => v.setUint8(symAt + 4 + 2 + 5 + 4, 4)))).toEqual(['bad_symbols', symAt]); // kind 4
    expect(err(patch(f, (v) => v.setUint8(symAt + 4 + 2, 0xff)))).toEqual(['bad_symbols', symAt]); // not UTF-8
    expect(err(patch(f, (v) => v.setUint8(symAt + 4 + 2, 0xc0)))).toEqual(['bad_symbols', symAt]); // overlong lead
    const tiny = writeContainer({ ...sample, symbols: undefined, debug: undefined });
    const t2 = new Uint8Array(tiny.length + 2);
    t2.set(tiny);
    new DataView(t2.buffer).setUint32(16, 2, true);
    expect(err(t2)).toEqual(['bad_symbols', symAt]); // a table of 2 bytes cannot hold its count
  });
  it('bad_debug (offset of the debug information): bytes that do not parse exactly', () => {
    const f = writeContainer(sample);
    const dbgAt = f.length - (2 + 5 + 4 + 16);
    const extra = new Uint8Array(f.length + 1);
    extra.set(f);
    expect(err(extra)).toEqual(['bad_debug', dbgAt]);
    expect(err(patch(f, (v) => v.setUint32(dbgAt + 7, 3, true)))).toEqual(['bad_debug', dbgAt]);
    expect(err(f.subarray(0, f.length - 1))).toEqual(['bad_debug', dbgAt]);
    const noSyms = writeContainer({ ...sample, symbols: undefined });
    expect(err(Uint8Array.of(...noSyms, 1))).toEqual(['bad_debug', 32 + 7 + 3]); // no table: debug starts after the data
    expect(err(Uint8Array.of(...writeContainer({ ...sample, debug: undefined }), 0x01))).toEqual(['bad_debug', dbgAt]);
  });
  it('then the program checks of 3.2, with code offsets', () => {
    expect(err(writeContainer({ ...sample, entry: 1 }))).toEqual(['bad_entry', 1]);
    expect(err(writeContainer({ ...sample, code: code(enc('NOP'), enc('JMP', 2)) }))).toEqual(['bad_target', 1]);
    expect(err(writeContainer({ ...sample, code: code(enc('NOP'), [0x05]) }))).toEqual(['bad_opcode', 1]);
  });
  it('each check only when the fields before it are fine (order of section 9)', () => {
    const f = writeContainer(sample);
    // bad mode and bad checksum and bad symbols: the mode is reported
    const many = patch(f, (v) => { v.setUint16(6, 9, true); v.setUint8(24, 0); v.setUint32(32 + 10, 99, true); });
    expect(err(many)).toEqual(['bad_mode', 6]);
    expect(err(patch(many, (v) => v.setUint16(6, 1, true)))).toEqual(['bad_checksum', 24]);
    expect(err(patch(f, (v) => { v.setUint32(32 + 10, 99, true); v.setUint32(20, 1, true); }))).toEqual(['bad_symbols', 42]);
  });
  it('writeContainer refuses what no container can hold', () => {
    expect(() => writeContainer({ ...sample, mode: 7 as Mode })).toThrow(RangeError);
    expect(() => writeContainer({ ...sample, data: new Uint8Array(0x10001) })).toThrow(RangeError);
    expect(() => writeContainer({ ...sample, symbols: [{ name: 'x', address: -1, kind: 0 }] })).toThrow(RangeError);
  });
});

describe('canonical state (spec 11)', () => {
  it('fields in order, hashes of data/ports/mailbox, hex fields', () => {
    const st = run(code(enc('PUSH', 1), enc('CALL', 6), enc('STORE', 1, 0x1234), enc('OUT', 1, 9), enc('HLT')), {
      regs: [0, 0xab, ...new Array(14).fill(0)],
      flags: 0x81,
    });
    const c = canonicalState(st);
    expect(Object.keys(c)).toEqual(['status', 'error', 'pc', 'cycles', 'sp', 'fp', 'regs', 'flags', 'mode', 'stack', 'calls', 'data', 'ports', 'grad', 'out', 'text', 'mailbox', 'input_pos']);
    expect(c.status).toBe('halted');
    expect(c.error).toBe(null);
    expect([c.pc, c.cycles, c.sp, c.fp]).toEqual([14, 5, 1, 1]); // PUSH, CALL, STORE, OUT, HLT
    expect(c.regs).toBe('00ab' + '00'.repeat(14));
    expect([c.flags, c.mode, c.stack]).toEqual([0x91, 4, 'ab']);
    expect(c.calls).toEqual([[6, 0]]);
    const data = new Uint8Array(0x10000);
    data[0x1234] = 0xab;
    expect(c.data).toBe(fnvBig(data));
    const ports = new Uint8Array(256);
    ports[9] = 0xab;
    expect(c.ports).toBe(fnvBig(ports));
    expect(c.mailbox).toBe(fnvBig(new Uint8Array(256 * 17)));
    expect([c.grad, c.out, c.text, c.input_pos]).toEqual([null, '', '', 0]);
    expect(canonicalJson(c)).toBe(JSON.stringify(c));
    expect(canonicalJson(c).includes('\n')).toBe(false);
  });
  it('grad, out and text come from the block', () => {
    const st = run(code(enc('HLT')));
    st.view.setUint32(S.GRAD_PRESENT, 1, true);
    st.view.setFloat32(S.GRAD + 4, 1.5, true);
    st.view.setUint32(S.OUT_LEN, 2, true);
    st.bytes[S.OUT] = 0x01;
    st.bytes[S.OUT + 1] = 0xfe;
    st.view.setUint32(S.TEXT_LEN, 3, true);
    st.bytes.set([0x68, 0x22, 0x0a], S.TEXT);
    const c = canonicalState(st);
    expect(c.grad).toBe('00000000' + '0000c03f' + '00'.repeat(56));
    expect(c.out).toBe('01fe');
    expect(c.text).toBe('h"\n');
    expect(canonicalJson(c)).toContain('"text":"h\\"\\n"');
  });
  it('invalid: only status, error and offset', () => {
    expect(canonicalJson(canonicalInvalid(VspError.bad_checksum, 24))).toBe('{"status":"invalid","error":"bad_checksum","offset":24}');
  });
});
