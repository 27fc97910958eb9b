import { Client } from 'pg';
import { intakeScenario } from './support/intake-scenario';
import { type PublishedMessage, REFERRALS_TOPIC } from './support/published-message';
import { waitUntil } from './support/wait-until';

interface BusRow {
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** The referrals topic on the PostgreSQL transport: its committed log in the database's `message_bus` schema. */
async function readBusTopic(databaseUrl: string, referralIds: ReadonlySet<string>, count: number): Promise<PublishedMessage[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let found: PublishedMessage[] = [];
    await waitUntil(
      `${count} messages on ${REFERRALS_TOPIC}`,
      async () => {
        const { rows } = await client.query<BusRow>(
          `SELECT partition, "offset"::text AS "offset", key, value, headers FROM message_bus.messages
           WHERE topic = $1 ORDER BY partition, "offset"`,
          [REFERRALS_TOPIC],
        );
        found = rows
          .map((row) => ({
            partition: row.partition,
            offset: BigInt(row.offset),
            key: row.key,
            headers: row.headers,
            envelope: JSON.parse(row.value) as PublishedMessage['envelope'],
          }))
          .filter((message) => referralIds.has(message.envelope.data.referralId ?? ''));
        return found.length >= count ? true : undefined;
      },
      { timeoutMs: 60_000, lastSeen: () => found.length },
    );
    return found;
  } finally {
    await client.end();
  }
}

describe('referrals to scheduling over the PostgreSQL transport (no KAFKA_BROKERS; built services as child processes)', () => {
  intakeScenario({
    transportEnv: () => ({}),
    readPublished: readBusTopic,
    // The bus stores the patient subject id as the key (null for none) and spreads keyless events by message id.
    expectedKey: (envelope) => envelope.patientSubjectId,
  });
});
