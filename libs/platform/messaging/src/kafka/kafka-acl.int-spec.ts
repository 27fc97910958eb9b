import { randomUUID } from 'node:crypto';
import { describeWithKafka, kafkaServiceCredentials } from '@stepwell/testing';
import type { KafkaTestConnection } from '@stepwell/testing';
import { deadLetterTopicFor, topicFor } from '../transport.port';
import type { MessageTransport } from '../transport.port';
import { createKafkaTransport } from './kafka-transport';
import { patientEvent, rawKafka, waitFor } from './testing/kafka-test-kit';

/**
 * The run's broker (infra/kafka with SCRAM users and ACLs) lets each service's own user write only its own topics.
 * Needs a broker with per-service users: without one (a plaintext KAFKA_BROKERS) `describeWithKafka` fails the block
 * under REQUIRE_KAFKA=1 and otherwise skips it, saying why.
 */
describeWithKafka('Kafka ACLs: one SCRAM user per service', (kafka: KafkaTestConnection) => {
  // Present whenever the tests run: describeWithKafka skips the block unless the broker has these users.
  const userOf = (service: string) => {
    const user = kafkaServiceCredentials(service);
    if (!user) throw new Error(`the run’s Kafka broker has no SCRAM user for ${service}`);
    return user;
  };
  const transports: MessageTransport[] = [];
  const asUser = (sasl: NonNullable<KafkaTestConnection['sasl']>, clientId: string) => {
    const transport = createKafkaTransport({
      brokers: kafka.brokers,
      sasl,
      clientId,
      log: () => undefined,
      connectionRetry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
    });
    transports.push(transport);
    return transport;
  };
  let raw: ReturnType<typeof rawKafka>;

  beforeAll(async () => {
    raw = rawKafka(kafka);
    // The topics exist, as they would once each service has started (created with the admin user here).
    const admin = asUser(kafka.sasl!, 'acl-setup');
    await admin.ensureTopics([topicFor('referrals'), topicFor('scheduling'), deadLetterTopicFor('scheduling')], 3);
  });

  afterAll(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await raw?.close();
  });

  it('lets referrals’ own user publish to the referrals topic', async () => {
    const event = patientEvent(`patient-acl-${randomUUID()}`, 1);
    await asUser(userOf('referrals'), 'acl-referrals-own').publisher().publish(topicFor('referrals'), [event]);
    await waitFor('the event on the referrals topic', async () =>
      (await raw.readAll(topicFor('referrals'))).some((record) => record.value?.includes(event.messageId)),
    );
  });

  it('refuses referrals’ credentials publishing to the scheduling topic or its dead-letter topic, and nothing arrives', async () => {
    const forged = patientEvent(`patient-acl-${randomUUID()}`, 1);
    const referrals = asUser(userOf('referrals'), 'acl-referrals-forger');
    // kafkajs reports the broker's TOPIC_AUTHORIZATION_FAILED from the produce or from the metadata request.
    await expect(referrals.publisher().publish(topicFor('scheduling'), [forged])).rejects.toThrow(/[Nn]ot authorized|authorization failed/);
    await expect(referrals.publisher().publish(deadLetterTopicFor('scheduling'), [forged])).rejects.toThrow(
      /[Nn]ot authorized|authorization failed/,
    );
    const onScheduling = [...(await raw.readAll(topicFor('scheduling'))), ...(await raw.readAll(deadLetterTopicFor('scheduling')))];
    expect(onScheduling.some((record) => record.value?.includes(forged.messageId))).toBe(false);
  });

  it('refuses a service creating a topic that is neither its own nor one it consumes', async () => {
    await expect(asUser(userOf('referrals'), 'acl-referrals-create').ensureTopics([`stepwell.acl-${randomUUID().slice(0, 8)}.events`], 1)).rejects.toThrow();
  });

  it('refuses a service reading a topic it does not consume, or with another service’s consumer group', async () => {
    // The directory reads the other services' event topics (it consumes referrals' and witnesses the others' tree
    // heads, infra/kafka/acls.mjs), never another service's dead-letter topic.
    const directory = asUser(userOf('directory'), 'acl-directory-reader');
    await expect(
      directory.consume({
        groupId: 'directory',
        topics: [deadLetterTopicFor('scheduling')],
        deadLetterTopic: deadLetterTopicFor('directory'),
        handle: async () => undefined,
      }),
    ).rejects.toThrow();
  });

  it('refuses a wrong password and an unauthenticated client', async () => {
    const wrong = asUser({ ...userOf('referrals'), password: `${userOf('referrals').password}-wrong` }, 'acl-wrong-password');
    await expect(wrong.publisher().publish(topicFor('referrals'), [patientEvent('p', 1)])).rejects.toThrow(/SASL|[Aa]uthentication/);
    const anonymous = createKafkaTransport({
      brokers: kafka.brokers,
      clientId: 'acl-anonymous',
      log: () => undefined,
      connectionRetry: { retries: 1, initialRetryTime: 100, maxRetryTime: 300 },
    });
    transports.push(anonymous);
    await expect(anonymous.publisher().publish(topicFor('referrals'), [patientEvent('p', 1)])).rejects.toThrow();
  }, 60_000);
}, { serviceUsers: ['referrals', 'directory'] });
