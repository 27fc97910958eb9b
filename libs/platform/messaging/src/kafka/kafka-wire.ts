import type { IHeaders, Message } from 'kafkajs';
import type { DeadLetter, IntegrationEvent } from '../transport.port';
import { encodeDeadLetter, encodeIntegrationEvent, HEADER_MESSAGE_ID } from '../envelope/wire-format';

/** Header names beyond the shared wire format's: routing facts operators filter on without parsing bodies. */
export const HEADER_SOURCE = 'stepwell-source';
export const HEADER_CORRELATION_ID = 'stepwell-correlation-id';
export const HEADER_DEAD_LETTER_ID = 'stepwell-dead-letter-id';
export const HEADER_ORIGINAL_PARTITION = 'stepwell-original-partition';
export const HEADER_ORIGINAL_OFFSET = 'stepwell-original-offset';
export const HEADER_GROUP_ID = 'stepwell-group-id';
export const HEADER_ATTEMPTS = 'stepwell-attempts';
export const HEADER_ERROR_NAME = 'stepwell-error-name';
export const HEADER_ERROR_MESSAGE = 'stepwell-error-message';

const MAX_HEADER_ERROR_MESSAGE = 1_000;

/**
 * An integration event as a Kafka record. The key is the patient subject id, so that one patient's events share
 * a partition and stay in order; an event about no patient is keyed by its own id, which spreads such events
 * evenly instead of piling them onto the partition of a null key.
 */
export function toKafkaMessage(event: IntegrationEvent): Message {
  const wire = encodeIntegrationEvent(event);
  return {
    key: wire.key ?? event.messageId,
    value: wire.value,
    headers: { ...wire.headers, [HEADER_SOURCE]: event.source, [HEADER_CORRELATION_ID]: event.correlationId },
  };
}

/** A dead letter as a Kafka record: same key as the original, so a patient's dead letters stay in order too. */
export function deadLetterToKafkaMessage(letter: DeadLetter, originalKey: string | null): Message {
  const wire = encodeDeadLetter(letter);
  const headers: IHeaders = {
    ...wire.headers,
    [HEADER_DEAD_LETTER_ID]: letter.id,
    [HEADER_ORIGINAL_PARTITION]: String(letter.originalPartition),
    [HEADER_ORIGINAL_OFFSET]: letter.originalOffset,
    [HEADER_GROUP_ID]: letter.groupId,
    [HEADER_ATTEMPTS]: String(letter.attempts),
    [HEADER_ERROR_NAME]: letter.error.name,
    [HEADER_ERROR_MESSAGE]: letter.error.message.slice(0, MAX_HEADER_ERROR_MESSAGE),
  };
  if (letter.event) headers[HEADER_MESSAGE_ID] = letter.event.messageId;
  return { key: wire.key ?? originalKey ?? letter.id, value: wire.value, headers };
}

/** Kafka offsets are 64-bit: the next offset to consume, computed without losing precision. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
