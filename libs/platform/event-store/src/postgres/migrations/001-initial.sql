-- The event store's own schema. `__SCHEMA__` is replaced by the (validated, quoted) schema name.

-- One row per stream: its head revision and hash. Appends lock this row, so writers to one stream queue up
-- and exactly one of two racing writers with the same expectation wins.
CREATE TABLE __SCHEMA__.streams (
  stream_id  text   PRIMARY KEY,
  revision   bigint NOT NULL,
  last_hash  text   NOT NULL
);

-- The events as written. `seq` is insertion order only: it is NOT the global order (a transaction may
-- commit long after it inserted). Global order lives in `log`. Appends always insert events and then move the
-- stream head in `streams` forward; moving the head is what queues the sequencing trigger below.
CREATE TABLE __SCHEMA__.events (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id   uuid   NOT NULL UNIQUE,
  stream_id  text   NOT NULL,
  category   text   NOT NULL,
  revision   bigint NOT NULL,
  type       text   NOT NULL,
  data       jsonb  NOT NULL,
  metadata   jsonb  NOT NULL,
  prev_hash  text   NOT NULL,
  hash       text   NOT NULL,
  UNIQUE (stream_id, revision)
);

-- The global log in commit order. Positions are handed out by a deferred trigger at COMMIT, under one
-- transaction-scoped advisory lock that is released only after the commit is visible: a position is never handed
-- out before every lower position is visible, so a reader that reads "after N" can never skip a late commit, and a
-- transaction held open does not block other writers (it takes the lock only when it commits).
CREATE SEQUENCE __SCHEMA__.global_position_seq AS bigint;

CREATE TABLE __SCHEMA__.log (
  global_position bigint      PRIMARY KEY,
  -- no foreign key: it would cost a check per event; a log row whose event was deleted behind the store's back
  -- is invisible to reads (they join) and verification reports the removal
  seq             bigint      NOT NULL UNIQUE,
  category        text        NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX log_category_position ON __SCHEMA__.log (category, global_position);

-- Fires once per append (the stream head moving forward), not once per event.
CREATE FUNCTION __SCHEMA__.sequence_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  first_position bigint;
  appended bigint := NEW.revision - OLD.revision;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('stepwell.event_store.sequence:' || TG_TABLE_SCHEMA));
  -- under the lock nobody else draws from the sequence: reserve one contiguous block for this append
  first_position := nextval('__SCHEMA__.global_position_seq');
  IF appended > 1 THEN
    PERFORM setval('__SCHEMA__.global_position_seq', first_position + appended - 1);
  END IF;
  INSERT INTO __SCHEMA__.log (global_position, seq, category)
    SELECT first_position + (e.revision - OLD.revision - 1), e.seq, e.category
      FROM __SCHEMA__.events e
     WHERE e.stream_id = NEW.stream_id AND e.revision > OLD.revision AND e.revision <= NEW.revision;
  -- identical payloads are folded into one notification per transaction
  PERFORM pg_notify('stepwell_event_store_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END
$fn$;

CREATE CONSTRAINT TRIGGER sequence_append AFTER UPDATE OF revision ON __SCHEMA__.streams
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.revision > OLD.revision)
  EXECUTE FUNCTION __SCHEMA__.sequence_append();

-- Durable checkpoints of catch-up subscriptions.
CREATE TABLE __SCHEMA__.checkpoints (
  subscription_id text        PRIMARY KEY,
  source          text        NOT NULL,
  position        bigint,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
