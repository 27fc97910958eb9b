import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitUntil } from './wait-until';

const ROOT = join(__dirname, '../../../..');

/** A built service running as a child process, as a deployment runs it. */
export interface ServiceProcess {
  name: string;
  baseUrl: string;
  port: number;
  /** What the process printed (the tail), for failure messages. */
  output(): string;
  /** Sends the signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM (a graceful shutdown), then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', resolve).once('error', reject));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('No port from the operating system');
  return address.port;
}

/**
 * Starts `node services/<name>/dist/main.js` with exactly `env` (nothing inherited but PATH, so the test's own
 * KAFKA_BROKERS or DATABASE_URL cannot leak in) on a free port (or `port`), and resolves once `/ready` answers 200 (within
 * `readyTimeoutMs`, 60 s unless told: several services starting at once on two loaded cores may need more).
 */
export async function startService(
  name: string,
  env: Record<string, string>,
  options: { readyTimeoutMs?: number; port?: number } = {},
): Promise<ServiceProcess> {
  const main = join(ROOT, 'services', name, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx tsc -b tsconfig.build.json at the root)`);
  // A given port: an instance restarted where a proxy expects it.
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter((line) => line !== ''));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = () => lines.join('\n');
  const running = () => child.exitCode === null && child.signalCode === null;

  try {
    await waitUntil(`${name} to be ready`, async () => {
      if (!running()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
      const response = await fetch(`${baseUrl}/ready`).catch(() => null);
      return response?.status === 200 ? true : undefined;
    }, { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 200 });
  } catch (error) {
    await terminate(child, exited, 'SIGKILL');
    throw error instanceof Error && !error.message.includes('exited') ? new Error(`${error.message}\n${output()}`) : error;
  }

  return {
    name,
    baseUrl,
    port,
    output,
    kill: (signal) => terminate(child, exited, signal),
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await terminate(child, exited, 'SIGTERM');
      clearTimeout(timer);
    },
  };
}

async function terminate(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited;
}

/** The service, or a clear failure when a test uses one that has not started (or has been stopped). */
export function running(service: ServiceProcess | undefined, name: string): ServiceProcess {
  if (!service) throw new Error(`${name} is not running`);
  return service;
}
