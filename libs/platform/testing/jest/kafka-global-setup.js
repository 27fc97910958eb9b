// Opt-in jest global set-up for packages whose tests need Kafka as well as PostgreSQL:
//   globalSetup: require.resolve('<root>/libs/platform/testing/jest/kafka-global-setup.js'),
//   globalTeardown: require.resolve('<root>/libs/platform/testing/jest/kafka-global-teardown.js'),
// Runs the shared PostgreSQL set-up, then starts one Kafka broker for the run when KAFKA_BROKERS is unset and
// java and mvn are on PATH: with SCRAM users and ACLs, announced through KAFKA_BROKERS, KAFKA_SASL_* (admin) and
// KAFKA_TEST_CREDENTIALS (every service's user). Without them the Kafka tests skip (describeWithKafka says why) unless REQUIRE_KAFKA=1.
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { execFileSync } = require('node:child_process');
const postgresSetup = require('./global-setup');

// Away from the developer's own broker on 9092/9093.
const TEST_BROKER_PORT = 19092;

function onPath(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

module.exports = async function kafkaGlobalSetup(globalConfig, projectConfig) {
  await postgresSetup(globalConfig, projectConfig);
  if (process.env.KAFKA_BROKERS) return;
  if (!onPath('java', ['-version']) || !onPath('mvn', ['-v'])) {
    const message = 'java or mvn is not on PATH: no Kafka broker for this run';
    if (process.env.REQUIRE_KAFKA === '1') throw new Error(`REQUIRE_KAFKA=1 but ${message}`);
    console.warn(`\n${message}; Kafka tests will be skipped`);
    return;
  }
  const { startKafkaBroker, portIsFree, kafkaClientEnv } = await import(
    pathToFileURL(path.join(__dirname, '../../../../infra/kafka/broker.mjs')).href
  );
  // Another run may already hold the test ports: then any free pair will do.
  const preferred = (await portIsFree(TEST_BROKER_PORT)) && (await portIsFree(TEST_BROKER_PORT + 1));
  try {
    const broker = await startKafkaBroker({
      port: preferred ? TEST_BROKER_PORT : 0,
      // SCRAM users (admin + one per service) and ACLs: tests run against an authenticated broker, as production.
      scram: true,
      // Its log tail is part of any start-up error; passing lines on would only clutter jest's output.
      log: () => {},
    });
    Object.assign(process.env, kafkaClientEnv(broker));
    globalThis.__STEPWELL_KAFKA_BROKER__ = broker;
  } catch (error) {
    // The PostgreSQL server is already up: stop it, since jest skips the teardown when the set-up fails.
    await require('./global-teardown')(globalConfig, projectConfig);
    throw error;
  }
};
