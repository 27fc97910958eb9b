// Runs one broker under the control of a parent process (used by tests that stop and restart a broker of their
// own, from jest, which cannot import ES modules itself). Protocol: one JSON line per event on stdout
// ({"event":"ready","brokers":[...]}, {"event":"halted"}, {"event":"resumed"}, {"event":"error","message":...});
// commands on stdin, one per line: halt | resume | stop. When stdin closes (the parent died) the broker stops.
// KAFKA_SCRAM=1: SCRAM users and ACLs; the ready event's `env` then holds the clients' KAFKA_SASL_* variables.
import { createInterface } from 'node:readline';
import { kafkaClientEnv, startKafkaBroker } from './broker.mjs';

const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

let broker;
try {
  broker = await startKafkaBroker({ port: Number(process.env.KAFKA_PORT ?? 0), scram: process.env.KAFKA_SCRAM === '1' });
} catch (error) {
  say({ event: 'error', message: error.message });
  process.exit(1);
}
say({ event: 'ready', brokers: broker.brokers, startupMs: broker.startupMs, env: kafkaClientEnv(broker) });

let queue = Promise.resolve();
const shutdown = () => {
  queue = queue.then(() => broker.stop()).then(() => process.exit(0));
};
const commands = {
  halt: async () => {
    await broker.halt();
    say({ event: 'halted' });
  },
  resume: async () => {
    const started = performance.now();
    await broker.resume();
    say({ event: 'resumed', startupMs: Math.round(performance.now() - started) });
  },
  stop: async () => shutdown(),
};
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = commands[line.trim()];
  if (!command) return say({ event: 'error', message: `unknown command: ${line.trim()}` });
  queue = queue.then(command).catch((error) => say({ event: 'error', message: error.message }));
});
lines.on('close', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
