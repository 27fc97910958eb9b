import { Pool } from 'pg';
import { createTestDatabase } from '@stepwell/testing';
import { describeTransportConformance } from '../testing/transport-conformance';
import { createPostgresTransport } from './postgres-transport';

describeTransportConformance('PostgreSQL', async () => {
  const database = await createTestDatabase('pg_transport');
  const pool = new Pool({ connectionString: database.url, max: 12 });
  const transport = await createPostgresTransport({ pool, pollIntervalMs: 500, rebalanceIntervalMs: 500 });
  return {
    transport,
    publishRaw: (topic, message) => transport.publishWire(topic, [message]),
    async readTopic(topic) {
      const { rows } = await pool.query<{ value: string; headers: Record<string, string> }>(
        'SELECT value, headers FROM message_bus.messages WHERE topic = $1 ORDER BY partition, "offset"',
        [topic],
      );
      return rows;
    },
    async cleanup() {
      await transport.close();
      await pool.end();
      await database.drop();
    },
  };
});
