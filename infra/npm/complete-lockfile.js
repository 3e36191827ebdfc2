#!/usr/bin/env node
/**
 * Completes package-lock.json with the platform builds that the package registry we install from
 * does not serve (for example `@swc/core-darwin-arm64`): npm leaves such optional packages out of
 * the lock file, and `npm ci` then refuses the lock as out of sync. Each missing optional
 * dependency gets an entry with the `os`/`cpu`/`libc` its name states, so that `npm ci` knows it
 * is for another platform and skips it without fetching it. On the platforms we run on (Linux,
 * x64 or arm64) these packages are all present in the lock as usual.
 *
 * Run after every `npm install` that changes the lock: `npm run lock:complete`.
 * With --check it changes nothing and exits 1 when the lock needs completing (CI runs it).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OSES = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'netbsd', 'openbsd'];
const CPUS = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'loong64', 'riscv64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OSES.includes(p));
  const cpu = parts.find((p) => CPUS.includes(p));
  if (!os || !cpu) return undefined;
  const entry = { os: [os], cpu: [cpu] };
  if (os === 'linux' && parts.some((p) => p.startsWith('musl'))) entry.libc = ['musl'];
  else if (os === 'linux' && parts.some((p) => p.startsWith('gnu'))) entry.libc = ['glibc'];
  return entry;
}

const path = join(__dirname, '..', '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const added = [];
const unknown = [];
for (const [location, pkg] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+$/.test(spec)) {
      unknown.push(`${name}@${spec} (needed by ${location || 'the root'})`);
      continue;
    }
    lock.packages[`node_modules/${name}`] = { version: spec, ...platform, optional: true };
    added.push(`${name}@${spec}`);
  }
}
if (unknown.length > 0) {
  console.error(`optional dependencies missing from the lock whose platform cannot be told from their name:\n  ${unknown.join('\n  ')}`);
  process.exit(1);
}
if (process.argv.includes('--check')) {
  if (added.length > 0) {
    console.error(`package-lock.json lacks ${added.length} platform package(s); run \`npm run lock:complete\`:\n  ${added.join('\n  ')}`);
    process.exit(1);
  }
  console.log('package-lock.json is complete');
} else {
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(added.length > 0 ? `added ${added.length} platform package(s) to package-lock.json` : 'package-lock.json is complete');
}
