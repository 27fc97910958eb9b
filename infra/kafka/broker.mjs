// A real single-node Apache Kafka broker (KRaft, broker + controller in one JVM) from jars resolved with Maven,
// for the test run and local development. No Docker, no tarball: see infra/kafka/README.md.
import { spawn, execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { freePort, portIsFree } from '../local/ports.mjs';
import { applyServiceAcls, newCredentials } from './acls.mjs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const KAFKA_HOME = dirname(fileURLToPath(import.meta.url));
export const KAFKA_LIB = join(KAFKA_HOME, 'lib');
export const DEFAULT_BROKER_PORT = 9092;

const READY_LINE = 'Kafka Server started';
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;
const LOG_TAIL_LINES = 60;
// The heap stays at 512 MB: the machine is shared and the broker holds little data in tests.
const JVM_OPTS = ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true'];

export class KafkaBrokerError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'KafkaBrokerError';
    this.code = code;
  }
}

const exists = async (path) => existsSync(path);

export { portIsFree };

/** A port the kernel considers free right now on 127.0.0.1. */
export const anyFreePort = () => freePort(0);

async function loadOrCreateCredentials(file) {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8'));
  const credentials = newCredentials();
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/**
 * The environment a Kafka client of this broker needs: `KAFKA_BROKERS`, and with SCRAM `KAFKA_SASL_MECHANISM`,
 * `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD` of the admin user, plus `KAFKA_TEST_CREDENTIALS` (every user's
 * credentials as JSON, for tests that act as one service).
 */
export function kafkaClientEnv(broker) {
  const env = { KAFKA_BROKERS: broker.brokers.join(',') };
  if (broker.credentials) {
    env.KAFKA_SASL_MECHANISM = broker.credentials.mechanism;
    env.KAFKA_SASL_USERNAME = broker.credentials.admin.username;
    env.KAFKA_SASL_PASSWORD = broker.credentials.admin.password;
    env.KAFKA_TEST_CREDENTIALS = JSON.stringify(broker.credentials);
  }
  return env;
}

/** Copies the broker's runtime jars into lib/ when missing; the local Maven repository caches them. */
export async function ensureKafkaJars({ log = () => {} } = {}) {
  const present = (await exists(KAFKA_LIB)) && (await readdir(KAFKA_LIB)).some((f) => f.startsWith('kafka_2.13-'));
  if (present) return KAFKA_LIB;
  log(`resolving Kafka jars with Maven into ${KAFKA_LIB}`);
  try {
    await execFileAsync('mvn', ['-q', '-B', '-f', join(KAFKA_HOME, 'pom.xml'), 'dependency:copy-dependencies'], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const detail = [error.stdout, error.stderr].filter(Boolean).join('\n').trim().split('\n').slice(-20).join('\n');
    throw new KafkaBrokerError(
      'KAFKA_JARS_UNRESOLVED',
      `Could not resolve the Kafka broker jars with Maven (is mvn on PATH and Maven Central reachable?):\n${detail}`,
    );
  }
  return KAFKA_LIB;
}

/**
 * A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, as `kafka-storage random-uuid` prints.
 * Made here rather than by the StorageTool to save one JVM start; Kafka never starts an id with '-' (it would
 * read as a command-line option), so neither do we.
 */
export function newClusterId() {
  for (;;) {
    const bytes = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
    const id = bytes.toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function renderServerProperties({ brokerPort, controllerPort, logDirs, target, credentials }) {
  const template = await readFile(join(KAFKA_HOME, 'server.properties'), 'utf8');
  let rendered = template
    .replaceAll('{{BROKER_PORT}}', String(brokerPort))
    .replaceAll('{{CONTROLLER_PORT}}', String(controllerPort))
    .replaceAll('{{LOG_DIRS}}', logDirs);
  if (credentials) rendered = withScram(rendered, { brokerPort, credentials });
  await writeFile(target, rendered);
  return target;
}

/**
 * The client listener becomes SASL_PLAINTEXT with SCRAM-SHA-512 only, and the StandardAuthorizer denies whatever
 * no ACL allows. `admin` is a super user (tests, set-up) and the broker's own inter-broker identity. ANONYMOUS is
 * a super user only because the KRaft controller listener (PLAINTEXT, 127.0.0.1, controller requests only, never
 * produce or fetch) authenticates the broker to its own controller that way; no client listener accepts it.
 */
function withScram(properties, { brokerPort, credentials }) {
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${credentials.admin.username}" password="${credentials.admin.password}";`;
  return properties
    .replace(/^listeners=PLAINTEXT:/m, 'listeners=SASL_PLAINTEXT:')
    .replace(/^advertised\.listeners=.*$/m, `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${brokerPort}`)
    .replace(/^inter\.broker\.listener\.name=.*$/m, 'inter.broker.listener.name=SASL_PLAINTEXT')
    .replace(/^listener\.security\.protocol\.map=.*$/m, 'listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT')
    .concat(
      [
        '',
        '# SASL/SCRAM and ACLs (rendered by broker.mjs for startKafkaBroker({ scram: true })).',
        'sasl.enabled.mechanisms=SCRAM-SHA-512',
        'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
        `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${jaas}`,
        'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        `super.users=User:${credentials.admin.username};User:ANONYMOUS`,
        'allow.everyone.if.no.acl.found=false',
        '',
      ].join('\n'),
    );
}

/** `--add-scram` arguments of the storage format: the SCRAM users exist from the first start. */
function scramFormatArgs(credentials) {
  const users = [credentials.admin, ...Object.values(credentials.services)];
  return users.flatMap(({ username, password }) => ['--add-scram', `SCRAM-SHA-512=[name=${username},password=${password}]`]);
}

function javaArgs(mainClass, args, { logsDir }) {
  return [
    ...JVM_OPTS,
    `-Dlog4j.configuration=file:${join(KAFKA_HOME, 'log4j.properties')}`,
    `-Dkafka.logs.dir=${logsDir}`,
    // Java expands the wildcard itself; it is passed as one argument, never through a shell.
    '-cp',
    `${KAFKA_LIB}/*`,
    mainClass,
    ...args,
  ];
}

async function formatStorage({ propsFile, logDirs, logsDir, log, credentials }) {
  // A kept data folder is formatted already. Its cluster id must be kept too: 3.9's --ignore-formatted still
  // refuses a different id, so reformatting it would need the old one and gain nothing.
  const meta = join(logDirs, 'meta.properties');
  if (await exists(meta)) {
    const clusterId = /^cluster\.id=(.+)$/m.exec(await readFile(meta, 'utf8'))?.[1];
    log(`storage already formatted (cluster id ${clusterId ?? 'unknown'})`);
    return;
  }
  const clusterId = newClusterId();
  try {
    await execFileAsync(
      'java',
      javaArgs('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', propsFile, '--ignore-formatted', ...(credentials ? scramFormatArgs(credentials) : [])], {
        logsDir,
      }),
      { maxBuffer: 4 * 1024 * 1024 },
    );
  } catch (error) {
    const detail = [error.stdout, error.stderr].filter(Boolean).join('\n').trim();
    throw new KafkaBrokerError('KAFKA_FORMAT_FAILED', `Formatting the Kafka storage failed:\n${detail}`);
  }
  log(`storage formatted (cluster id ${clusterId})`);
}

/**
 * Starts the JVM and resolves once the broker logs that it is started (an open port comes earlier, before the
 * broker is unfenced, and is not enough). A detached broker (the developer CLI) writes to `logFile`, which is
 * then read for the readiness line, so that its output survives this process.
 */
function launch({ propsFile, logsDir, log, detached, logFile }) {
  const out = detached ? openSync(logFile, 'a') : 'pipe';
  const child = spawn('java', javaArgs('kafka.Kafka', [propsFile], { logsDir }), {
    stdio: ['ignore', out, out],
    detached,
  });
  if (detached) closeSync(out);
  const tail = [];
  let ready = false;
  let stopWatching = () => {};
  const readyPromise = new Promise((resolveReady, reject) => {
    const onLine = (line) => {
      if (!line) return;
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      log(line);
      if (!ready && line.includes(READY_LINE)) {
        ready = true;
        clearTimeout(timer);
        stopWatching();
        resolveReady();
      }
    };
    let buffered = '';
    const onChunk = (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine(line.trimEnd());
    };
    if (detached) {
      let position = statSync(logFile).size;
      const poll = setInterval(() => {
        const size = statSync(logFile).size;
        if (size <= position) return;
        const fd = openSync(logFile, 'r');
        const chunk = Buffer.alloc(size - position);
        readSync(fd, chunk, 0, chunk.length, position);
        closeSync(fd);
        position = size;
        onChunk(chunk.toString('utf8'));
      }, 250);
      stopWatching = () => clearInterval(poll);
    } else {
      for (const stream of [child.stdout, child.stderr]) {
        stream.setEncoding('utf8');
        stream.on('data', onChunk);
      }
    }
    const timer = setTimeout(() => {
      stopWatching();
      child.kill('SIGKILL');
      reject(
        new KafkaBrokerError(
          'KAFKA_START_TIMEOUT',
          `Kafka did not log "${READY_LINE}" within ${READY_TIMEOUT_MS / 1000} s. Last log lines:\n${tail.join('\n')}`,
        ),
      );
    }, READY_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      stopWatching();
      reject(new KafkaBrokerError('KAFKA_START_FAILED', `Could not run java: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      stopWatching();
      if (!ready) {
        reject(
          new KafkaBrokerError(
            'KAFKA_START_FAILED',
            `Kafka exited before it was ready (code ${code}, signal ${signal}). Last log lines:\n${tail.join('\n')}`,
          ),
        );
      }
    });
  });
  return { child, ready: readyPromise, tail };
}

/** SIGTERM (a clean shutdown flushes the logs), then SIGKILL when it takes longer than the grace period. */
async function terminate(child, graceMs = STOP_GRACE_MS) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a single-node KRaft broker on 127.0.0.1.
 *
 * @param {object} [options]
 * @param {number} [options.port] client port (default 9092); 0 picks a free pair of ports
 * @param {number} [options.controllerPort] controller port (default port + 1)
 * @param {(line: string) => void} [options.log] receives the broker's log lines (WARN and above, plus readiness)
 * @param {string} [options.dataDir] kept (not deleted on stop) when given; a fresh temporary folder otherwise
 * @param {boolean} [options.detached] let the JVM outlive this Node process (the developer CLI); its output then
 *   goes to <dataDir>/logs/broker.log
 * @returns {Promise<{ brokers: string[], port: number, controllerPort: number, dataDir: string, pid: number,
 *   startupMs: number, stop(): Promise<void>, halt(): Promise<void>, resume(): Promise<void>,
 *   restart(): Promise<void> }>}
 */
export async function startKafkaBroker({ port, controllerPort, log = () => {}, dataDir, detached = false, scram = false } = {}) {
  const startedAt = performance.now();
  let brokerPort = port ?? DEFAULT_BROKER_PORT;
  let ctlPort = controllerPort ?? (brokerPort === 0 ? 0 : brokerPort + 1);
  if (brokerPort === 0) brokerPort = await anyFreePort();
  if (ctlPort === 0) {
    do ctlPort = await anyFreePort();
    while (ctlPort === brokerPort);
  }
  for (const p of [brokerPort, ctlPort]) {
    if (!(await portIsFree(p))) {
      throw new KafkaBrokerError(
        'KAFKA_PORT_IN_USE',
        `127.0.0.1:${p} is in use (another Kafka broker?). Stop it (node infra/kafka/kafka.mjs stop) or choose other ports.`,
      );
    }
  }

  await ensureKafkaJars({ log });

  const temporary = !dataDir;
  const dir = resolve(dataDir ?? (await mkdtemp(join(tmpdir(), 'stepwell-kafka-'))));
  const logDirs = join(dir, 'data');
  const logsDir = join(dir, 'logs');
  await mkdir(logDirs, { recursive: true });
  await mkdir(logsDir, { recursive: true });
  // SCRAM users are written at format time, so a kept folder keeps its passwords (credentials.json beside it).
  const credentials = scram ? await loadOrCreateCredentials(join(dir, 'credentials.json')) : null;
  const propsFile = await renderServerProperties({
    brokerPort,
    controllerPort: ctlPort,
    logDirs,
    target: join(dir, 'server.properties'),
    credentials,
  });

  let current;
  const killOnExit = () => current?.child.kill('SIGKILL');
  const startProcess = async () => {
    current = launch({ propsFile, logsDir, log, detached, logFile: join(logsDir, 'broker.log') });
    try {
      await current.ready;
    } catch (error) {
      await terminate(current.child, 1_000);
      throw error;
    }
  };

  try {
    await formatStorage({ propsFile, logDirs, logsDir, log, credentials });
    await startProcess();
    if (credentials) {
      await applyServiceAcls({ brokers: [`127.0.0.1:${brokerPort}`], credentials });
      log('SCRAM users and service ACLs in place');
    }
  } catch (error) {
    if (temporary) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  // A broker started for a test run must not outlive it, even when the runner exits abruptly.
  if (!detached) process.on('exit', killOnExit);
  // A detached broker outlives this Node process (kafka.mjs stop ends it by pid).
  if (detached) current.child.unref();

  const startupMs = Math.round(performance.now() - startedAt);
  log(`Kafka ready on 127.0.0.1:${brokerPort} after ${startupMs} ms`);
  let stopped = false;
  return {
    brokers: [`127.0.0.1:${brokerPort}`],
    /** With `scram`: `{ mechanism, admin: { username, password }, services: { <name>: { username, password } } }`. */
    credentials,
    port: brokerPort,
    controllerPort: ctlPort,
    dataDir: dir,
    get pid() {
      return current.child.pid;
    },
    startupMs,
    /** Stops the broker process but keeps its data (a crash-like outage for fault tests). */
    async halt() {
      await terminate(current.child);
    },
    /** Starts the broker again on the same data folder and ports after halt(). */
    async resume() {
      if (stopped) throw new KafkaBrokerError('KAFKA_STOPPED', 'The broker was stopped for good; start a new one');
      await startProcess();
    },
    async restart() {
      await this.halt();
      await this.resume();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await terminate(current.child);
      process.off('exit', killOnExit);
      if (temporary) await rm(dir, { recursive: true, force: true });
    },
  };
}
