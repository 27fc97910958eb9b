// Keeps `npm ci` working where the npm registry in reach serves only some platforms' binary packages.
//
// Packages such as @swc/core, nx and unrs-resolver list one optional dependency per platform
// (`@swc/core-darwin-arm64`, `@swc/core-win32-x64-msvc`, ...). When the registry answers 404 for the platforms it
// does not mirror, `npm install` leaves those out of package-lock.json, and `npm ci` then refuses the lock file
// ("Missing: @swc/core-darwin-arm64@ from lock file"). This script records each missing platform package in the
// lock file as what it is — an optional dependency for another os/cpu — so that `npm ci` accepts the lock and
// skips it on this platform, while a machine of that platform still installs it by name and version.
//
// Run after any `npm install` that changes package-lock.json:  node infra/local/lockfile-platform-stubs.mjs
// `--check` only reports (exit 1 when stubs are missing), for CI or a pre-commit hook.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const lockPath = join(root, 'package-lock.json');
const checkOnly = process.argv.includes('--check');

const PLATFORM = /-(darwin|win32|linux|freebsd|android|openharmony)-(arm64|arm|x64|ia32|ppc64|s390x|riscv64|loong64)(?:-(gnu|musl|gnueabihf|musleabihf|msvc|eabi))?$/;

/** os, cpu and libc of a platform package, read from its conventional name. */
function platformOf(name) {
  const match = PLATFORM.exec(name);
  if (!match) return null;
  const [, os, cpu, abi] = match;
  const entry = { os: [os], cpu: [cpu] };
  if (os === 'linux' && abi) entry.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
  return entry;
}

/** Where npm would look for `name` from the package at `from`: nested folders first, then upwards. */
function resolveFrom(packages, from, name) {
  for (let base = from; ; ) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
const added = [];
const unknown = [];
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolveFrom(packages, location, name)) continue;
    const platform = platformOf(name);
    if (!platform) {
      unknown.push(`${name}@${version} (optional dependency of ${location || 'the root'})`);
      continue;
    }
    // Hoisted when the top level is free, as npm would place it; otherwise beside its dependent.
    const target = packages[`node_modules/${name}`] ? `${location}/node_modules/${name}` : `node_modules/${name}`;
    packages[target] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added.push(`${target}@${version}`);
  }
}

if (unknown.length) {
  console.error(`Optional dependencies missing from the lock file that are not platform packages:\n  ${unknown.join('\n  ')}`);
  process.exit(1);
}
if (checkOnly) {
  if (added.length) {
    console.error(`${added.length} platform packages are missing from package-lock.json; run node infra/local/lockfile-platform-stubs.mjs`);
    process.exit(1);
  }
  console.log('package-lock.json records every platform package');
} else if (added.length) {
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`Recorded ${added.length} platform packages for other platforms in package-lock.json`);
} else {
  console.log('package-lock.json already records every platform package');
}
