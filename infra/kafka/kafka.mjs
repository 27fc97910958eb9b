#!/usr/bin/env node
// Developer CLI for the local broker:
//   node infra/kafka/kafka.mjs start [--port 9092] [--fresh] [--scram]   starts it in the background, prints KAFKA_BROKERS
//                                                              (--scram: SCRAM users and ACLs, prints KAFKA_SASL_*)
//   node infra/kafka/kafka.mjs stop                            SIGTERM, then SIGKILL after 20 s
//   node infra/kafka/kafka.mjs status
// Data lives in infra/kafka/.data/ (git-ignored) and survives restarts; --fresh starts from empty storage.
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KAFKA_HOME, kafkaClientEnv, startKafkaBroker } from './broker.mjs';

const STATE_DIR = join(KAFKA_HOME, '.data');
const STATE_FILE = join(STATE_DIR, 'broker.json');

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function readState() {
  try {
    return JSON.parse(await readFile(STATE_FILE, 'utf8'));
  } catch {
    return null;
  }
}

async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return !alive(pid);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, fresh: { type: 'boolean', default: false }, scram: { type: 'boolean', default: false } },
});
const command = positionals[0];

if (command === 'start') {
  const state = await readState();
  if (state && alive(state.pid)) {
    console.log(`Kafka already runs (pid ${state.pid}): KAFKA_BROKERS=${state.brokers.join(',')}`);
    process.exit(0);
  }
  const dataDir = join(STATE_DIR, 'store');
  if (values.fresh) await rm(dataDir, { recursive: true, force: true });
  await mkdir(STATE_DIR, { recursive: true });
  const broker = await startKafkaBroker({
    port: values.port ? Number(values.port) : undefined,
    dataDir,
    detached: true,
    scram: values.scram,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  await writeFile(STATE_FILE, JSON.stringify({ pid: broker.pid, brokers: broker.brokers, dataDir }, null, 2));
  console.log(`Kafka started in ${broker.startupMs} ms (pid ${broker.pid}). export KAFKA_BROKERS=${broker.brokers.join(',')}`);
  if (broker.credentials) {
    // SCRAM users and ACLs: the admin's variables (credentials of every user: <dataDir>/credentials.json).
    const env = kafkaClientEnv(broker);
    for (const name of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) console.log(`export ${name}=${env[name]}`);
  }
  process.exit(0);
} else if (command === 'stop') {
  const state = await readState();
  if (!state || !alive(state.pid)) {
    console.log('Kafka is not running');
  } else {
    process.kill(state.pid, 'SIGTERM');
    if (!(await waitForExit(state.pid, 20_000))) {
      process.kill(state.pid, 'SIGKILL');
      await waitForExit(state.pid, 5_000);
    }
    console.log(`Kafka stopped (pid ${state.pid})`);
  }
  await rm(STATE_FILE, { force: true });
} else if (command === 'status') {
  const state = await readState();
  console.log(state && alive(state.pid) ? `running (pid ${state.pid}) on ${state.brokers.join(',')}` : 'not running');
} else {
  console.error('usage: node infra/kafka/kafka.mjs start [--port N] [--fresh] [--scram] | stop | status');
  process.exit(2);
}
