import { qualifiedTable } from '@stepwell/read-models';

export const INBOX_TABLE = 'messaging_inbox';
export const DEAD_LETTER_TABLE = 'messaging_dead_letters';

/**
 * The consuming service's messaging tables, created in its own schema: the inbox (message ids already
 * handled, per consumer) and its dead letters (listed and re-driven by operators on either transport).
 */
export function messagingTablesSql(schema: string | undefined): string {
  const inbox = qualifiedTable(schema, INBOX_TABLE);
  const deadLetters = qualifiedTable(schema, DEAD_LETTER_TABLE);
  return `
CREATE TABLE IF NOT EXISTS ${inbox} (
  consumer      text NOT NULL,
  message_id    text NOT NULL,
  processed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);

CREATE TABLE IF NOT EXISTS ${deadLetters} (
  id                  uuid PRIMARY KEY,
  group_id            text NOT NULL,
  dead_letter_topic   text NOT NULL,
  original_topic      text NOT NULL,
  original_partition  int  NOT NULL,
  original_offset     text NOT NULL,
  message_id          text,
  event_type          text,
  event_version       int,
  error_name          text NOT NULL,
  error_message       text NOT NULL,
  attempts            int  NOT NULL,
  dead_lettered_at    timestamptz NOT NULL,
  event               jsonb,
  raw_value           text,
  redriven_at         timestamptz,
  redrive_count       int NOT NULL DEFAULT 0,
  -- A message redelivered after a crash between recording and committing is recorded once.
  UNIQUE (group_id, original_topic, original_partition, original_offset)
);
CREATE INDEX IF NOT EXISTS ${DEAD_LETTER_TABLE}_listing ON ${deadLetters} (dead_lettered_at DESC, id);
`;
}

export function dropMessagingTablesSql(schema: string | undefined): string {
  return `DROP TABLE IF EXISTS ${qualifiedTable(schema, DEAD_LETTER_TABLE)}; DROP TABLE IF EXISTS ${qualifiedTable(schema, INBOX_TABLE)};`;
}
