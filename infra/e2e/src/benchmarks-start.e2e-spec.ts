import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * The benchmarks stay out of `npm test` (their figures are ratios printed by `npm run bench:*`, never assertions),
 * but each must keep running: here every script runs once at a tiny size against the test run's PostgreSQL and
 * must exit 0 after printing its header and its summary. Nothing here is timed.
 */

const ROOT = join(__dirname, '../../..');

function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        ...(process.env['DATABASE_URL'] ? { DATABASE_URL: process.env['DATABASE_URL'] } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the benchmark scripts start and finish at a tiny size', () => {
  it('bench:http drives both routes of the service and of the bare route and prints the ratio table', async () => {
    const { code, output } = await runScript('infra/bench/http.bench.mjs', ['--quick']);
    // On failure the diff shows the script's last output (why it stopped), not only its exit code.
    expect({ code, tail: code === 0 ? '' : output.slice(-4000) }).toEqual({ code: 0, tail: '' });
    expect(output).toContain('HTTP benchmark: referrals POST /referrals and GET /referrals/{id} vs a bare NestJS route');
    expect(output).toMatch(/POST \/referrals\s+1\s+\d+/);
    expect(output).toMatch(/GET \/referrals\/\{id\}\s+1\s+\d+/);
    expect(output).toMatch(/resident memory \(MiB\): referrals idle \d+, peak \d+; bare route idle \d+, peak \d+/);
  });

  it('bench:growth loads a store and prints a row per size', async () => {
    const { code, output } = await runScript('infra/bench/growth.bench.mjs', ['--sizes', '200,400', '--samples', '5']);
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('Growth benchmark: the PostgreSQL event store at 200, 400 events');
    const rows = output.split('\n').filter((line) => /^\s+[\d,]+ │/.test(line));
    expect(rows).toHaveLength(2);
  });

  it('bench:messaging measures the PostgreSQL transport and relay with a handful of events', async () => {
    const { code, output } = await runScript('libs/platform/messaging/bench/messaging.bench.mjs', [], { BENCH_LATENCY: '5', BENCH_BURST: '100' });
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('Messaging (latency: 5 single events; throughput: 100 events');
    expect(output).toContain('PostgreSQL: append → relay → handler');
  });
});
