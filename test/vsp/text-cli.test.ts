// `vsp asm` and `vsp disasm` (spec 11): exit statuses, stderr formats, no output file on errors, and the
// 40 invalid conformance containers reporting the error code and offset that cases.jsonl expects.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asmCommand } from '../../src/cli/vsp-asm.js';
import type { VspCliIO as CliIO } from '../../src/cli/vsp-command.js';
import { disasmCommand } from '../../src/cli/vsp-disasm.js';
import { main } from '../../src/cli/vsp.js';
import { readContainer } from '../../src/vsp/container.js';
import { assembleText } from '../../src/vsp/text-asm.js';

const dir = mkdtempSync(join(tmpdir(), 'vsp-text-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIO & { out: string; err: string } {
  const c = {
    out: '',
    err: '',
    stdout: (s: string) => void (c.out += s),
    stderr: (s: string) => void (c.err += s),
  };
  return c;
}

const CONF = join(import.meta.dirname, 'conformance');

describe('vsp asm', () => {
  it('writes a container holding the assembled program and its symbols', () => {
    const src = join(dir, 'ok.vsp');
    const out = join(dir, 'ok.silc');
    writeFileSync(src, '.mode SIL-16\n.entry go\nmsg: NOP\ngo: SYSCALL print_string, text\nHLT\n.data\ntext: .string "hi"\n');
    const io = capture();
    expect(asmCommand([src, '-o', out], io)).toBe(0);
    expect(io.err).toBe('');
    const r = readContainer(new Uint8Array(readFileSync(out)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const a = assembleText(readFileSync(src, 'utf8'));
    expect(Buffer.compare(r.program.code, a.code)).toBe(0);
    expect(Buffer.compare(r.program.data, a.data)).toBe(0);
    expect(r.program.mode).toBe(1);
    expect(r.program.entry).toBe(1);
    expect(r.program.symbols).toEqual([
      { name: 'msg', address: 0, kind: 0 },
      { name: 'go', address: 1, kind: 0 },
      { name: 'text', address: 0, kind: 1 },
    ]);
    expect(r.program.debug).toBeUndefined();
  });

  it('errors: FILE:LINE:COL: message on stderr, exit 1, no file written', () => {
    const src = join(dir, 'bad.vsp');
    const out = join(dir, 'bad.silc');
    writeFileSync(src, 'NOP\nJMP nowhere\n.byte 1\n');
    const io = capture();
    expect(asmCommand(['-o', out, src], io)).toBe(1);
    expect(io.err).toBe(`${src}:2:5: undefined label 'nowhere'\n${src}:3:1: .byte is a data directive: it belongs in the data section (write .data before it)\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('usage errors and unreadable files exit 2', () => {
    const src = join(dir, 'ok.vsp');
    for (const args of [[], [src], ['-o', 'x'], [src, '-o'], [src, 'extra', '-o', 'x'], [src, '--frob', '-o', 'x']]) {
      const io = capture();
      expect(asmCommand(args, io), args.join(' ')).toBe(2);
      expect(io.err).toContain('usage: vsp asm FILE -o OUT');
    }
    const io = capture();
    expect(asmCommand([join(dir, 'missing.vsp'), '-o', join(dir, 'm.silc')], io)).toBe(2);
    expect(io.err).toMatch(/^vsp asm: cannot read .*missing\.vsp/);
  });
});

describe('vsp disasm', () => {
  it('prints the canonical text of a container, which vsp asm turns back into the same code and data', () => {
    const io = capture();
    const file = join(CONF, 't_print_family.silc');
    expect(disasmCommand([file], io)).toBe(0);
    expect(io.err).toBe('');
    expect(io.out.startsWith('.mode SIL-32\n.code\n    MOVI R0, 5\n    SYSCALL print_bool\n')).toBe(true);
    const text = join(dir, 'family.vsp');
    const out = join(dir, 'family.silc');
    writeFileSync(text, io.out);
    expect(asmCommand([text, '-o', out], capture())).toBe(0);
    const orig = new Uint8Array(readFileSync(file));
    const back = new Uint8Array(readFileSync(out));
    // header fields mode, code size, data size, entry and checksum; then the code and data bytes
    const v = (u: Uint8Array): DataView => new DataView(u.buffer, u.byteOffset, u.byteLength);
    const codeSize = v(orig).getUint32(8, true);
    const dataSize = v(orig).getUint32(12, true);
    for (const [o, n] of [[6, 2], [8, 8], [20, 12]] as const) expect(Buffer.compare(orig.subarray(o, o + n), back.subarray(o, o + n))).toBe(0);
    expect(Buffer.compare(orig.subarray(32, 32 + codeSize + dataSize), back.subarray(32, 32 + codeSize + dataSize))).toBe(0);
  });

  it('every invalid conformance container: exit 1, `FILE: <error> at offset <offset>` as cases.jsonl expects', () => {
    const cases = readFileSync(join(CONF, 'cases.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { file: string; expected: { status: string; error: string; offset: number } });
    const invalid = cases.filter((c) => c.expected.status === 'invalid');
    expect(invalid.length).toBe(40);
    for (const c of invalid) {
      const io = capture();
      const file = join(CONF, c.file);
      expect(disasmCommand([file], io), c.file).toBe(1);
      expect(io.out).toBe('');
      expect(io.err).toBe(`${file}: ${c.expected.error} at offset ${c.expected.offset}\n`);
    }
    // and every other one disassembles
    const valid = readdirSync(CONF).filter((f) => f.endsWith('.silc') && !invalid.some((c) => c.file === f));
    for (const f of valid) expect(disasmCommand([join(CONF, f)], capture()), f).toBe(0);
  });

  it('usage errors and unreadable files exit 2', () => {
    for (const args of [[], ['a', 'b'], ['--frob']]) {
      const io = capture();
      expect(disasmCommand(args, io)).toBe(2);
      expect(io.err).toContain('usage: vsp disasm FILE');
    }
    const io = capture();
    expect(disasmCommand([join(dir, 'missing.silc')], io)).toBe(2);
  });
});

describe('through the vsp dispatcher', () => {
  it('vsp asm then vsp disasm', async () => {
    const src = join(dir, 'd.vsp');
    const out = join(dir, 'd.silc');
    writeFileSync(src, 'top: DEC R1\n');
    const bad = capture();
    expect(await main(['asm', src, '-o', out], bad)).toBe(1);
    expect(bad.err).toBe(`${src}:1:6: unknown mnemonic 'DEC'\n`);
    writeFileSync(src, '.mode SIL-8\ntop: MOVI RC, 3\nl: LOOP l\nJMP top\n');
    const io = capture();
    expect(await main(['asm', src, '-o', out], io)).toBe(0);
    expect(await main(['disasm', out], io)).toBe(0);
    expect(io.out).toBe('.mode SIL-8\n.code\nL_000000:\n    MOVI RC, 3\nL_000003:\n    LOOP L_000003\n    JMP L_000000\n');
  });
});
