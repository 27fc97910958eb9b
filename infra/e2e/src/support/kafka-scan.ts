import { randomUUID } from 'node:crypto';
import { kafkaTestClientSasl } from '@stepwell/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { SASLOptions } from 'kafkajs';
import { waitUntil } from './wait-until';

/**
 * Every message of every topic on the broker (all partitions, from the start, up to the offsets the broker reported
 * when the scan began, dead-letter topics included): how many there were, and how many hold each needle as text.
 */
export async function scanAllTopics(brokers: string[], needles: readonly string[]): Promise<{ messages: number; hits: Record<string, number>; topics: string[] }> {
  const kafka = new Kafka({ clientId: 'e2e-erasure-scan', brokers, logLevel: logLevel.NOTHING, ...(kafkaTestClientSasl() as { sasl?: SASLOptions }) });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
  const ends = new Map<string, bigint>();
  for (const topic of topics) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) if (BigInt(high) > BigInt(low)) ends.set(`${topic}/${partition}`, BigInt(high));
  }
  await admin.disconnect();
  const hits: Record<string, number> = Object.fromEntries(needles.map((needle) => [needle, 0]));
  const remaining = new Set(ends.keys());
  let messages = 0;
  const consumer = kafka.consumer({ groupId: `e2e-erasure-scan-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const end = ends.get(`${topic}/${partition}`);
        if (end === undefined || BigInt(message.offset) >= end) return;
        messages++;
        const text = `${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''} ${JSON.stringify(message.headers ?? {})}`;
        for (const needle of needles) if (text.includes(needle)) hits[needle] = (hits[needle] ?? 0) + 1;
        if (BigInt(message.offset) + 1n >= end) remaining.delete(`${topic}/${partition}`);
      },
    });
    await waitUntil('every partition read to its end', async () => (remaining.size === 0 ? true : undefined), { timeoutMs: 90_000, lastSeen: () => [...remaining] });
  } finally {
    await consumer.disconnect();
  }
  return { messages, hits, topics };
}
