/**
 * Kafka availability for tests. The broker is started once per test run (the `npm test` runner, or the opt-in
 * jest global set-up in jest/kafka-global-setup.js) and announced through `KAFKA_BROKERS`; tests never start one.
 */
/** SASL/SCRAM credentials (kafkajs's `sasl` option and the services' `KAFKA_SASL_*`). */
export interface KafkaTestSasl {
    mechanism: 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
}
/** The run's broker: its addresses and, when it authenticates clients (SCRAM), the admin user's credentials. */
export interface KafkaTestConnection {
    brokers: string[];
    /** The admin (super) user: tests and set-up. Absent when the broker accepts unauthenticated clients. */
    sasl?: KafkaTestSasl;
}
export type KafkaTestBrokers = KafkaTestConnection | {
    skipReason: string;
};
/** The admin credentials of the run's broker (`KAFKA_SASL_MECHANISM`, `_USERNAME`, `_PASSWORD`), if it has SCRAM. */
export declare function kafkaTestSasl(): KafkaTestSasl | undefined;
/**
 * One service's own SCRAM user on the run's broker (`KAFKA_TEST_CREDENTIALS`, set with the broker by
 * infra/kafka), or undefined when the broker has no per-service users.
 */
export declare function kafkaServiceCredentials(service: string): KafkaTestSasl | undefined;
/** `{ sasl }` (the admin user) for a plain kafkajs client of the run's broker, or `{}` on a plaintext broker. */
export declare function kafkaTestClientSasl(): {
    sasl?: KafkaTestSasl;
};
/**
 * The Kafka variables for service processes that share one environment in a test (`KAFKA_BROKERS` and the admin
 * user's `KAFKA_SASL_*`). Prefer `kafkaServiceEnv(service, brokers)`, which gives a service its own user.
 */
export declare function kafkaAdminEnv(brokers: readonly string[]): Record<string, string>;
/**
 * The Kafka variables a service process needs on the run's broker: `KAFKA_BROKERS` and, on a SCRAM broker, the
 * service's own user (`KAFKA_SASL_*`), so that the broker's ACLs apply to it as in production.
 */
export declare function kafkaServiceEnv(service: string, brokers: readonly string[]): Record<string, string>;
/** The brokers of this test run (`KAFKA_BROKERS`, comma-separated), or why there are none. */
export declare function kafkaTestBrokers(): KafkaTestBrokers;
/** What a Kafka test block needs beyond a broker: SCRAM users of its own for the named services (ACL tests). */
export interface KafkaTestNeeds {
    serviceUsers?: readonly string[];
}
/**
 * `describe` for tests that need the real Kafka broker (and, with `needs`, per-service SCRAM users). Without them the
 * block is skipped and the reason printed at collection time, unless `REQUIRE_KAFKA=1`, which makes it an error.
 */
export declare function describeWithKafka(name: string, fn: (kafka: KafkaTestConnection) => void, needs?: KafkaTestNeeds): void;
/** A broker of one test's own, for fault tests that stop and restart it (the run's shared broker must stay up). */
export interface DedicatedKafkaBroker {
    brokers: string[];
    /** Milliseconds from launch to "Kafka Server started" (format included). */
    startupMs: number;
    /** Stops the broker process, keeping its data, as an outage would. */
    halt(): Promise<void>;
    /** Starts it again on the same data and ports; resolves once it is ready, with the restart time. */
    resume(): Promise<{
        startupMs: number;
    }>;
    /** Stops it for good and deletes its data. */
    stop(): Promise<void>;
}
/** True when this machine can run a broker itself (java and mvn on PATH). */
export declare function canStartKafkaBroker(): boolean;
/**
 * Starts a broker on free ports in a child Node process running infra/kafka/broker-process.mjs (jest cannot
 * import that ES module itself). The child stops the broker when this process goes away.
 */
export declare function startDedicatedKafkaBroker(): Promise<DedicatedKafkaBroker>;
