#!/usr/bin/env node
// First-run set-up, node built-ins only: installs what a fresh clone lacks, then gets out of the way.
//   node scripts/bootstrap.mjs            npm dependencies + Debian packages
//   node scripts/bootstrap.mjs --build    the same, then compiles TypeScript to dist/ when a source is newer
// Debian packages are installed when missing and we are root; otherwise the exact apt-get line is printed
// and the script stops. Nothing is fetched from anywhere but the npm registry and Debian.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = process.env.DYNASM_BOOTSTRAP_QUIET === '1';

/** Debian packages the product and its tests use, each with the file that proves it is there. */
const DEBIAN_PACKAGES = [
  { name: 'libunicorn2', why: 'the Unicorn emulator', probe: ['/usr/lib/x86_64-linux-gnu/libunicorn.so.2', '/usr/lib/aarch64-linux-gnu/libunicorn.so.2'] },
  { name: 'binutils-aarch64-linux-gnu', why: 'GNU as for AArch64 (encoding oracle)', probe: ['/usr/bin/aarch64-linux-gnu-as'] },
  { name: 'binutils', why: 'GNU as for x86-64 (encoding oracle)', probe: ['/usr/bin/as'] },
  { name: 'llvm', why: 'llvm-mc-14 (encoding oracle)', probe: ['/usr/bin/llvm-mc-14', '/usr/bin/llvm-mc'] },
  { name: 'qemu-user-static', why: 'ARM64 Linux native runs', probe: ['/usr/bin/qemu-aarch64-static'] },
  { name: 'libc6-arm64-cross', why: 'ARM64 glibc for qemu-user', probe: ['/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1'] },
  { name: 'libstdc++6-arm64-cross', why: 'ARM64 libstdc++ for qemu-user', probe: ['/usr/aarch64-linux-gnu/lib/libstdc++.so.6'] },
  { name: 'libgcc-s1-arm64-cross', why: 'ARM64 libgcc_s for qemu-user', probe: ['/usr/aarch64-linux-gnu/lib/libgcc_s.so.1'] },
];

function log(msg) {
  if (!quiet) process.stderr.write(`[bootstrap] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[bootstrap] error: ${msg}\n`);
  process.exit(1);
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) fail(`node ${process.versions.node} is too old: dynasm-ts needs node 20 or newer.`);
}

function ensureNpmDependencies() {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules', '.package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  const cmd = existsSync(lock) ? ['ci'] : ['install'];
  log(`installing npm dependencies (npm ${cmd[0]}) ...`);
  const r = spawnSync('npm', [...cmd, '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) fail(`npm ${cmd[0]} failed (exit ${r.status}).`);
}

function packagePresent(pkg) {
  return pkg.probe.some((p) => existsSync(p));
}

function ensureDebianPackages() {
  if (process.platform !== 'linux') {
    log(`not Linux (${process.platform}): skipping Debian packages; emulator tests need Unicorn 2 installed by other means.`);
    return;
  }
  const missing = DEBIAN_PACKAGES.filter((p) => !packagePresent(p));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const line = `apt-get install -y ${names.join(' ')}`;
  const hasApt = existsSync('/usr/bin/apt-get');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!hasApt) fail(`missing system packages (${missing.map((p) => `${p.name}: ${p.why}`).join('; ')}) and no apt-get here. Install their equivalents.`);
  if (!isRoot) fail(`missing Debian packages:\n  ${missing.map((p) => `${p.name} (${p.why})`).join('\n  ')}\nRun as root:\n  apt-get update && ${line}`);
  log(`installing Debian packages: ${names.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (argv) => spawnSync('apt-get', argv, { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'], env });
  let r = run(['install', '-y', '-qq', ...names]);
  if (r.status !== 0) {
    log('apt-get install failed; refreshing the package lists once and retrying ...');
    const u = run(['update', '-qq']);
    if (u.status !== 0) fail('apt-get update failed.');
    r = run(['install', '-y', '-qq', ...names]);
    if (r.status !== 0) fail(`apt-get install failed (exit ${r.status}). Try by hand: apt-get update && ${line}`);
  }
  const still = missing.filter((p) => !packagePresent(p));
  if (still.length) fail(`after apt-get, still missing: ${still.map((p) => p.name).join(' ')}`);
}

/** Newest modification time below `dir` over files ending in one of `exts`. */
function newest(dir, exts) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuild() {
  const stamp = join(root, 'dist', '.build-stamp');
  // the folders tsconfig.build.json compiles (src, dsl, spec, emulation, bench, examples)
  const include = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')).include;
  const srcTime = Math.max(
    ...include.map((d) => newest(join(root, d), ['.ts'])),
    statSync(join(root, 'tsconfig.json')).mtimeMs,
    statSync(join(root, 'tsconfig.build.json')).mtimeMs,
  );
  if (existsSync(stamp) && Number(readFileSync(stamp, 'utf8')) >= srcTime) return;
  log('compiling TypeScript (tsc -p tsconfig.build.json) ...');
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  try {
    execFileSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  } catch {
    fail('TypeScript compilation failed (see above).');
  }
  writeFileSync(stamp, String(srcTime));
}

checkNode();
ensureNpmDependencies();
ensureDebianPackages();
if (args.has('--build')) ensureBuild();
