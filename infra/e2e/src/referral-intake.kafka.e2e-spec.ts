import { randomUUID } from 'node:crypto';
import { describeWithKafka, kafkaAdminEnv, kafkaTestClientSasl } from '@stepwell/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { SASLOptions } from 'kafkajs';
import { intakeScenario } from './support/intake-scenario';
import { type PublishedMessage, REFERRALS_TOPIC } from './support/published-message';
import { waitUntil } from './support/wait-until';

/**
 * Reads the whole referrals topic with a plain kafkajs consumer (a group of its own, from the beginning) until
 * `count` messages about the given referrals are there. The topic may hold other runs' messages: they are skipped.
 */
async function readKafkaTopic(brokers: string[], referralIds: ReadonlySet<string>, count: number): Promise<PublishedMessage[]> {
  const kafka = new Kafka({ clientId: 'e2e-reader', brokers, logLevel: logLevel.NOTHING, ...(kafkaTestClientSasl() as { sasl?: SASLOptions }) });
  const consumer = kafka.consumer({ groupId: `e2e-reader-${randomUUID()}` });
  const found: PublishedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: REFERRALS_TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? 'null') as PublishedMessage['envelope'] | null;
        if (!envelope?.data?.referralId || !referralIds.has(envelope.data.referralId)) return;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        found.push({ partition, offset: BigInt(message.offset), key: message.key?.toString() ?? null, headers, envelope });
      },
    });
    await waitUntil(`${count} messages on ${REFERRALS_TOPIC}`, async () => (found.length >= count ? true : undefined), {
      timeoutMs: 60_000,
      lastSeen: () => found.length,
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

describeWithKafka('referrals to scheduling over a real Kafka broker (built services as child processes)', ({ brokers }) => {
  intakeScenario({
    transportEnv: () => kafkaAdminEnv(brokers),
    readPublished: (_databaseUrl, referralIds, count) => readKafkaTopic(brokers, referralIds, count),
    // The patient subject id; an event about no patient is keyed by its own id (spread, not piled on one partition).
    expectedKey: (envelope) => envelope.patientSubjectId ?? envelope.messageId,
  });
});
