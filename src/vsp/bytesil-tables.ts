// The exact ADD and SUB tables (spec 4.3): 65,536 entries each, entry [Ra * 256 + Rb] = from_complex(z(Ra) ± z(Rb))
// evaluated exactly. Loaded once from spec/vsp/tables/*.hex (256 lines of 512 hex digits) and checked
// against the SHA-256 digests the spec gives, so a damaged file fails loudly instead of computing wrong.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { packagePath } from '../paths.js';

const DIGESTS = {
  add: 'fb983899795252f5844ce9c8bbfb4cb7c813bb3c4d8396ed2075c22c92d10a94',
  sub: 'b72922fd06a9a3304d3d375fc40e4910e1ce4e634e339f25947080296289c881',
} as const;

function loadTable(name: 'add' | 'sub'): Uint8Array {
  const file = packagePath('spec', 'vsp', 'tables', `bytesil-${name}.hex`);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines.length !== 256) throw new Error(`${file}: expected 256 lines, found ${lines.length}`);
  const table = new Uint8Array(65536);
  for (let r = 0; r < 256; r++) {
    const line = lines[r]!;
    if (!/^[0-9a-f]{512}$/i.test(line)) throw new Error(`${file}:${r + 1}: expected 512 hex digits`);
    for (let c = 0; c < 256; c++) table[r * 256 + c] = parseInt(line.slice(c * 2, c * 2 + 2), 16);
  }
  const digest = createHash('sha256').update(table).digest('hex');
  if (digest !== DIGESTS[name]) throw new Error(`${file}: SHA-256 ${digest} differs from the spec's ${DIGESTS[name]}`);
  return table;
}

/** ADD_TABLE[a * 256 + b] = from_complex(z(a) + z(b)). */
export const ADD_TABLE: Uint8Array = loadTable('add');
/** SUB_TABLE[a * 256 + b] = from_complex(z(a) - z(b)). */
export const SUB_TABLE: Uint8Array = loadTable('sub');
