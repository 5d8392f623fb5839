// The code in docs/guide.md, docs/dsl.md and examples/README.md cannot rot:
// - every ```ts block is an excerpt of a file in examples/ (which tsc type-checks and test/examples.test.ts
//   runs), after mapping the package imports ('dynasm-ts' = ../src/index.js, 'dynasm-ts/jit' =
//   ../src/jit/index.js, 'dynasm-ts/emulation' = ../emulation/index.js); a line `// …` in a block stands for any number of skipped lines;
// - every ```vsp block is an excerpt of a file in examples/;
// - every ```console block is run: each `$ command` line is executed in-process (examples through their
//   main(), `node bin/vsp.mjs` and `node bin/dynasm.mjs` through the CLIs' main()) and must print exactly
//   the lines that follow it;
// - every ```sh line names a command that exists (an npm script, a bin, an example);
// - every file path in backticks (`test/…`, `src/…`, `examples/…`, …; globs excepted) exists;
// - every relative link resolves: the file exists and a `#anchor` names one of its headings (GitHub's slugs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as dynasmMain } from '../src/cli/dynasm.js';
import { main as vspMain } from '../src/cli/vsp.js';
import { detectHost, packagePath } from '../src/index.js';

const DOCS = ['docs/guide.md', 'docs/dsl.md', 'docs/verification.md', 'examples/README.md'];
const EXAMPLES = packagePath('examples');
const SKIP = '// …';

interface Block {
  lang: string;
  line: number;
  lines: string[];
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!m || !m[1]) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({ lang: m[1], line: start + 1, lines: body });
  }
  return out;
}

const dedent = (lines: readonly string[]): string[] => {
  const ind = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(ind) ? ind : 0).trimEnd());
};

const fromPackage = (l: string) => l.replace(/from 'dynasm-ts'/g, "from '../src/index.js'").replace(/from 'dynasm-ts\/emulation'/g, "from '../emulation/index.js'").replace(/from 'dynasm-ts\/jit'/g, "from '../src/jit/index.js'");

/** Whether `block` (dedented, `// …` = any run of lines) matches a contiguous run of `file` starting at some line. */
function isExcerpt(block: readonly string[], file: readonly string[]): boolean {
  const b = dedent(block).map(fromPackage);
  while (b.length && b[b.length - 1] === '') b.pop();
  const matchAt = (bi: number, fi: number, indent: number): boolean => {
    if (bi === b.length) return true;
    if (b[bi] === SKIP) {
      for (let k = fi; k <= file.length; k++) if (matchAt(bi + 1, k, indent)) return true;
      return false;
    }
    if (fi >= file.length) return false;
    const f = file[fi]!.trimEnd();
    const want = b[bi] === '' ? '' : ' '.repeat(indent) + b[bi];
    return f === want && matchAt(bi + 1, fi + 1, indent);
  };
  for (let fi = 0; fi < file.length; fi++) {
    const first = b[0] === SKIP ? b[1] : b[0];
    if (first === undefined) return true;
    const f = file[fi]!.trimEnd();
    if (!f.endsWith(first)) continue;
    const indent = f.length - first.length;
    if (f.slice(0, indent).trim() !== '') continue;
    if (matchAt(0, fi, indent)) return true;
  }
  return false;
}

const exampleFiles = (ext: string) =>
  readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(ext))
    .map((f) => ({ name: f, lines: readFileSync(join(EXAMPLES, f), 'utf8').split('\n') }));

/** Runs one documented command in-process; null when the command is not one this test knows how to run. */
async function run(command: string): Promise<string | null> {
  const argv = command.split(/\s+/).filter(Boolean);
  let out = '';
  const io = {
    stdout: (s: string) => void (out += s),
    stderr: (s: string) => void (out += s),
    stdin: () => '',
    readFile: (p: string) => readFileSync(p, 'utf8'),
    writeFile: () => {
      throw new Error('documented commands must not write files');
    },
  };
  if (argv[0] === 'node' && argv[1] === 'bin/vsp.mjs') {
    await vspMain(argv.slice(2), io);
    return out;
  }
  if (argv[0] === 'node' && argv[1] === 'bin/dynasm.mjs') {
    await dynasmMain(argv.slice(2), io);
    return out;
  }
  const ex = argv[0] === 'node' && argv.length === 2 ? /^dist\/examples\/([\w-]+)\.js$/.exec(argv[1]!) : null;
  if (ex) {
    const mod = (await import(`../examples/${ex[1]}.ts`)) as { main: (print: (l: string) => void) => void | Promise<void> };
    await mod.main((l) => void (out += l + '\n'));
    return out;
  }
  return null;
}

const packageJson = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

/** Whether a shell line names something that exists. */
function shellLineExists(line: string): boolean {
  const l = line.replace(/\s+#.*$/, '').trim();
  if (l === '') return true;
  return l.split('&&').every((part) => {
    const w = part.trim().split(/\s+/);
    if (w[0] === 'npm' && (w[1] === 'test' || w[1] === 'start')) return true;
    if (w[0] === 'npm' && w[1] === 'run') return w[2] !== undefined && w[2] in packageJson.scripts;
    if (w[0] === 'npx' && w[1] === 'vitest') return true;
    if (w[0] === 'DYNASM_LONG=1' || w[0]?.startsWith('DYNASM_SEED=')) return true;
    if (w[0] === 'node' && w[1] === 'scripts/bootstrap.mjs') return true;
    if (w[0] === 'node' && w[1]?.startsWith('bin/')) return w[1].slice(4, -4) in packageJson.bin;
    if (w[0] === 'node' && w[1]?.startsWith('dist/examples/')) return exampleFiles('.ts').some((f) => `dist/examples/${f.name.replace(/\.ts$/, '.js')}` === w[1]);
    if (w[0] === 'npx' && w[1] !== undefined) return w[1] in packageJson.bin;
    return false;
  });
}

const host = detectHost();
const nativeX64 = host.arch === 'x64' && host.os !== 'other';

/** Repository paths named in backticks (no globs or placeholders). */
function namedPaths(markdown: string): string[] {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/`((?:test|test-native-a64|src|dsl|spec|emulation|examples|docs|scripts|bench)\/[\w./-]+)`/g)) {
    const p = m[1]!.replace(/[.,]$/, '');
    if (!/[*{}<>]/.test(p)) out.add(p);
  }
  return [...out];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchors(file: string): Set<string> {
  const out = new Set<string>();
  let fence = false;
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    if (l.startsWith('```')) fence = !fence;
    const m = fence ? null : /^#{1,6} (.*)$/.exec(l);
    if (m) out.add(slug(m[1]!));
  }
  return out;
}

/** Relative links of a markdown file that do not resolve. */
function brokenLinks(doc: string, markdown: string): string[] {
  const bad: string[] = [];
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^[a-z]+:/.test(target)) continue;
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const file = path === '' ? packagePath(doc) : join(dirname(packagePath(doc)), path);
    if (!existsSync(file)) bad.push(`${target}: no such file ${relative(packagePath(), file)}`);
    else if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(anchor)) bad.push(`${target}: no heading #${anchor}`);
  }
  return bad;
}

for (const doc of DOCS) {
  const text = readFileSync(packagePath(doc), 'utf8');
  const all = blocks(text);
  describe(doc, () => {
    it('has code blocks', () => expect(all.length).toBeGreaterThan(0));
    it('has no broken relative links', () => {
      expect(brokenLinks(doc, text)).toEqual([]);
    });
    it('names only files that exist', () => {
      const missing = namedPaths(text).filter((p) => !existsSync(packagePath(p)));
      expect(missing, `${doc}: paths in backticks that do not exist`).toEqual([]);
    });
    for (const b of all.filter((x) => x.lang === 'ts')) {
      it(`line ${b.line}: the ts block is an excerpt of an example`, () => {
        const found = exampleFiles('.ts').find((f) => isExcerpt(b.lines, f.lines));
        expect(found, `${doc}:${b.line}: not found verbatim in examples/*.ts:\n${b.lines.join('\n')}`).toBeDefined();
      });
    }
    for (const b of all.filter((x) => x.lang === 'vsp')) {
      it(`line ${b.line}: the vsp block is an excerpt of an example`, () => {
        expect(exampleFiles('.vsp').some((f) => isExcerpt(b.lines, f.lines)), `${doc}:${b.line}`).toBe(true);
      });
    }
    for (const b of all.filter((x) => x.lang === 'sh')) {
      it(`line ${b.line}: every sh line names a command that exists`, () => {
        for (const l of b.lines) expect(shellLineExists(l), `${doc}:${b.line}: ${l}`).toBe(true);
      });
    }
    for (const b of all.filter((x) => x.lang === 'console')) {
      // Native x86-64 examples print what they print only on an x86-64 host.
      it.runIf(nativeX64)(`line ${b.line}: every command prints what the console block shows`, async () => {
        const steps: { command: string; expected: string[] }[] = [];
        for (const l of b.lines) {
          if (l.startsWith('$ ')) steps.push({ command: l.slice(2), expected: [] });
          else steps.at(-1)?.expected.push(l);
        }
        expect(steps.length, `${doc}:${b.line}: a console block starts with "$ command"`).toBeGreaterThan(0);
        for (const s of steps) {
          if (s.command === 'npm run build') continue;
          const got = await run(s.command);
          expect(got, `${doc}:${b.line}: cannot run "${s.command}" in-process`).not.toBeNull();
          expect(got!.trimEnd().split('\n'), `${doc}:${b.line}: $ ${s.command}`).toEqual(s.expected.join('\n').trimEnd().split('\n'));
        }
      });
    }
  });
}
