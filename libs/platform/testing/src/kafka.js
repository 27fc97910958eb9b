"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kafkaTestSasl = kafkaTestSasl;
exports.kafkaServiceCredentials = kafkaServiceCredentials;
exports.kafkaTestClientSasl = kafkaTestClientSasl;
exports.kafkaAdminEnv = kafkaAdminEnv;
exports.kafkaServiceEnv = kafkaServiceEnv;
exports.kafkaTestBrokers = kafkaTestBrokers;
exports.describeWithKafka = describeWithKafka;
exports.canStartKafkaBroker = canStartKafkaBroker;
exports.startDedicatedKafkaBroker = startDedicatedKafkaBroker;
/// <reference types="jest" />
const node_child_process_1 = require("node:child_process");
const node_path_1 = require("node:path");
const node_readline_1 = require("node:readline");
/** The admin credentials of the run's broker (`KAFKA_SASL_MECHANISM`, `_USERNAME`, `_PASSWORD`), if it has SCRAM. */
function kafkaTestSasl() {
    const mechanism = process.env['KAFKA_SASL_MECHANISM']?.trim();
    const username = process.env['KAFKA_SASL_USERNAME'];
    const password = process.env['KAFKA_SASL_PASSWORD'];
    if (!mechanism || !username || !password)
        return undefined;
    if (mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512')
        throw new Error(`KAFKA_SASL_MECHANISM ${mechanism} is not a SCRAM mechanism`);
    return { mechanism, username, password };
}
/**
 * One service's own SCRAM user on the run's broker (`KAFKA_TEST_CREDENTIALS`, set with the broker by
 * infra/kafka), or undefined when the broker has no per-service users.
 */
function kafkaServiceCredentials(service) {
    const raw = process.env['KAFKA_TEST_CREDENTIALS'];
    if (!raw)
        return undefined;
    const parsed = JSON.parse(raw);
    const user = parsed.services[service];
    return user ? { mechanism: parsed.mechanism, ...user } : undefined;
}
/** `{ sasl }` (the admin user) for a plain kafkajs client of the run's broker, or `{}` on a plaintext broker. */
function kafkaTestClientSasl() {
    const sasl = kafkaTestSasl();
    return sasl ? { sasl } : {};
}
/**
 * The Kafka variables for service processes that share one environment in a test (`KAFKA_BROKERS` and the admin
 * user's `KAFKA_SASL_*`). Prefer `kafkaServiceEnv(service, brokers)`, which gives a service its own user.
 */
function kafkaAdminEnv(brokers) {
    const env = { KAFKA_BROKERS: brokers.join(',') };
    const sasl = kafkaTestSasl();
    if (sasl)
        Object.assign(env, { KAFKA_SASL_MECHANISM: sasl.mechanism, KAFKA_SASL_USERNAME: sasl.username, KAFKA_SASL_PASSWORD: sasl.password });
    return env;
}
/**
 * The Kafka variables a service process needs on the run's broker: `KAFKA_BROKERS` and, on a SCRAM broker, the
 * service's own user (`KAFKA_SASL_*`), so that the broker's ACLs apply to it as in production.
 */
function kafkaServiceEnv(service, brokers) {
    const env = { KAFKA_BROKERS: brokers.join(',') };
    const sasl = kafkaServiceCredentials(service) ?? kafkaTestSasl();
    if (sasl) {
        env['KAFKA_SASL_MECHANISM'] = sasl.mechanism;
        env['KAFKA_SASL_USERNAME'] = sasl.username;
        env['KAFKA_SASL_PASSWORD'] = sasl.password;
    }
    return env;
}
/** The brokers of this test run (`KAFKA_BROKERS`, comma-separated), or why there are none. */
function kafkaTestBrokers() {
    const raw = process.env['KAFKA_BROKERS']?.trim();
    if (!raw) {
        return {
            skipReason: 'KAFKA_BROKERS is not set: no Kafka broker for this run (start one with `node infra/kafka/kafka.mjs start`, ' +
                'or opt in to libs/platform/testing/jest/kafka-global-setup.js, which needs java and mvn on PATH)',
        };
    }
    const brokers = raw
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker.length > 0);
    if (brokers.length === 0)
        return { skipReason: `KAFKA_BROKERS holds no broker address: "${raw}"` };
    const sasl = kafkaTestSasl();
    return sasl ? { brokers, sasl } : { brokers };
}
/** True when a missing broker must fail the run instead of skipping (CI sets REQUIRE_KAFKA=1). */
function kafkaRequired() {
    return process.env['REQUIRE_KAFKA'] === '1';
}
/** Why this run's broker cannot serve a block with these needs, or null when it can. */
function unmetKafkaNeed(found, needs) {
    const services = needs.serviceUsers ?? [];
    if (services.length === 0)
        return null;
    if (!found.sasl || services.some((service) => !kafkaServiceCredentials(service))) {
        return `the run’s Kafka broker has no SCRAM users for ${services.join(', ')} (start it with startKafkaBroker({ scram: true }))`;
    }
    return null;
}
/**
 * `describe` for tests that need the real Kafka broker (and, with `needs`, per-service SCRAM users). Without them the
 * block is skipped and the reason printed at collection time, unless `REQUIRE_KAFKA=1`, which makes it an error.
 */
function describeWithKafka(name, fn, needs = {}) {
    const found = kafkaTestBrokers();
    const skipReason = 'brokers' in found ? unmetKafkaNeed(found, needs) : found.skipReason;
    if (skipReason === null && 'brokers' in found) {
        describe(name, () => fn(found));
        return;
    }
    if (kafkaRequired()) {
        throw new Error(`REQUIRE_KAFKA=1 but ${skipReason} (test block "${name}")`);
    }
    console.warn(`Skipping "${name}": ${skipReason}`);
    describe.skip(name, () => fn({ brokers: [] }));
}
/** True when this machine can run a broker itself (java and mvn on PATH). */
function canStartKafkaBroker() {
    try {
        (0, node_child_process_1.execFileSync)('java', ['-version'], { stdio: 'ignore' });
        (0, node_child_process_1.execFileSync)('mvn', ['-v'], { stdio: 'ignore' });
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Starts a broker on free ports in a child Node process running infra/kafka/broker-process.mjs (jest cannot
 * import that ES module itself). The child stops the broker when this process goes away.
 */
async function startDedicatedKafkaBroker() {
    const script = (0, node_path_1.join)(__dirname, '../../../../infra/kafka/broker-process.mjs');
    const child = (0, node_child_process_1.spawn)(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const waiting = [];
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    (0, node_readline_1.createInterface)({ input: child.stdout }).on('line', (line) => {
        let event;
        try {
            event = JSON.parse(line);
        }
        catch {
            return;
        }
        waiting.shift()?.(event);
    });
    child.once('exit', (code) => {
        for (const resolve of waiting.splice(0))
            resolve({ event: 'error', message: `broker process exited (${code})` });
    });
    const next = () => new Promise((resolve) => waiting.push(resolve));
    const expect = async (command, wanted) => {
        const answer = next();
        if (command)
            child.stdin.write(`${command}\n`);
        const event = await answer;
        if (event.event !== wanted)
            throw new Error(`Dedicated Kafka broker: ${event.message ?? event.event}`);
        return event;
    };
    const ready = await expect(null, 'ready');
    return {
        brokers: ready.brokers ?? [],
        startupMs: ready.startupMs ?? 0,
        async halt() {
            await expect('halt', 'halted');
        },
        async resume() {
            const event = await expect('resume', 'resumed');
            return { startupMs: event.startupMs ?? 0 };
        },
        async stop() {
            if (child.exitCode === null && child.signalCode === null)
                child.stdin.end('stop\n');
            await exited;
        },
    };
}
//# sourceMappingURL=kafka.js.map