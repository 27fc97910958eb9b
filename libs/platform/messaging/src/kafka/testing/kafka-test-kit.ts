import { randomUUID } from 'node:crypto';
import type { IHeaders, SASLOptions } from 'kafkajs';
import type { KafkaTestConnection } from '@stepwell/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { IntegrationEvent } from '../../transport.port';

/** A topic or group name no other test uses. */
export const uniqueName = (label: string): string => `test.${label}.${randomUUID().slice(0, 8)}`;

/** A valid integration event about `patient`; `seq` travels in the data so tests can check order. */
export function patientEvent(patient: string | null, seq: number, extra: Record<string, unknown> = {}): IntegrationEvent {
  return {
    messageId: randomUUID(),
    type: 'referrals.referral-received',
    version: 1,
    source: 'referrals',
    patientSubjectId: patient,
    occurredAt: '2026-11-21T09:00:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    data: { seq, ...extra },
  };
}

export const seqOf = (event: IntegrationEvent): number => (event.data as { seq: number }).seq;

/**
 * Resolves once `condition` holds, checking it every `everyMs`; rejects with `what` after `timeoutMs`. Tests wait
 * on the state they need (a count reached, an offset committed), never for a fixed time.
 */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, everyMs = 50 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface RawRecord {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

/** Plain kafkajs clients for what the transport does not offer: raw records, committed offsets, group state. */
export function rawKafka({ brokers, sasl }: KafkaTestConnection) {
  const kafka = new Kafka({ clientId: 'test-kit', brokers, logLevel: logLevel.NOTHING, ...(sasl ? { sasl: { ...sasl } as SASLOptions } : {}) });
  const admin = kafka.admin();
  const producer = kafka.producer();
  let connected: Promise<void> | null = null;
  const connect = () => (connected ??= Promise.all([admin.connect(), producer.connect()]).then(() => undefined));
  return {
    async produceRaw(
      topic: string,
      records: { key: string | null; value: string; headers?: Record<string, string> }[],
    ): Promise<void> {
      await connect();
      await producer.send({ topic, messages: records, acks: -1 });
    },
    /** Every record on `topic` now, from the beginning, in partition then offset order. */
    async readAll(topic: string): Promise<RawRecord[]> {
      await connect();
      if (!(await admin.listTopics()).includes(topic)) return [];
      const offsets = await admin.fetchTopicOffsets(topic);
      const count = offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
      if (count === 0) return [];
      const records = await this.readRecords(topic, count);
      return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    },
    /** The group's committed next offset per partition of `topic` (-1 when none is committed). */
    async committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
      await connect();
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Object.fromEntries((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
    },
    async partitionCount(topic: string): Promise<number> {
      await connect();
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0]?.partitions.length ?? 0;
    },
    async groupMembers(groupId: string): Promise<string[]> {
      await connect();
      const { groups } = await admin.describeGroups([groupId]);
      return (groups[0]?.members ?? []).map((m) => m.memberId);
    },
    /** Reads `count` records from the start of `topic` with a throwaway group. */
    async readRecords(topic: string, count: number, timeoutMs = 30_000): Promise<RawRecord[]> {
      const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
      const records: RawRecord[] = [];
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ partition, message }) => {
            records.push({
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              headers: headerText(message.headers),
              partition,
              offset: message.offset,
            });
          },
        });
        await waitFor(`${count} records on ${topic}`, () => records.length >= count, { timeoutMs });
      } finally {
        await consumer.disconnect();
      }
      return records;
    },
    async close(): Promise<void> {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    },
  };
}
