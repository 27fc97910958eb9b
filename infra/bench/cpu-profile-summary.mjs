// Summarises a V8 CPU profile (node --cpu-prof) as self time per module and per function, for the notes in
// docs/performance/: `node infra/bench/cpu-profile-summary.mjs <file.cpuprofile> [top]`.
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpu-profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(64);
}
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const moduleOf = (url) => {
  if (!url) return '(native / VM)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node core';
  const m = /\/(libs\/platform\/[^/]+|libs\/[^/]+|services\/[^/]+)\//.exec(url);
  return m ? m[1] : url;
};
const modules = new Map();
const functions = new Map();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  const frame = node.callFrame;
  const name = frame.functionName || '(anonymous)';
  const special = ['(idle)', '(program)', '(garbage collector)'].includes(name);
  const module = special ? name : moduleOf(frame.url);
  modules.set(module, (modules.get(module) ?? 0) + us);
  const key = special ? name : `${name} (${moduleOf(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''})`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}
const busy = total - (modules.get('(idle)') ?? 0);
const show = (title, map) => {
  console.log(title);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((us / busy) * 100).toFixed(1).padStart(5)}% of busy  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (not idle)`);
show('self time by module:', modules);
show('self time by function:', functions);
