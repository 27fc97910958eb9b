// A consumer in a process of its own, so that a fault test can SIGKILL it mid-batch. Run with
// `node -r <root>/libs/platform/testing/jest/swc-register.js crashable-consumer.child.ts`; configured through the environment. Prints one JSON
// line per handled message (its effect) and `{"ready":true}` once it has joined its group.
import { kafkaTestSasl } from '@stepwell/testing';
import { createKafkaTransport } from '../kafka-transport';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const transport = createKafkaTransport({
    brokers: env('KAFKA_BROKERS').split(','),
    // The run's broker authenticates (KAFKA_SASL_*, inherited from the test); a plaintext broker needs nothing.
    ...(kafkaTestSasl() ? { sasl: kafkaTestSasl()! } : {}),
    clientId: 'crashable-consumer',
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 1_000,
    log: () => undefined,
  });
  const workMs = Number(process.env['WORK_MS'] ?? '0');
  await transport.consume({
    groupId: env('GROUP_ID'),
    topics: [env('TOPIC')],
    deadLetterTopic: env('DEAD_LETTER_TOPIC'),
    handle: async ({ event, partition, offset }) => {
      // Stands in for the work of a real handler, so that a kill lands in the middle of a fetched batch.
      if (workMs > 0) await new Promise((resolve) => setTimeout(resolve, workMs));
      process.stdout.write(`${JSON.stringify({ messageId: event.messageId, patient: event.patientSubjectId, seq: (event.data as { seq: number }).seq, partition, offset })}\n`);
    },
  });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  const stop = () => void transport.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`crashable consumer failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
