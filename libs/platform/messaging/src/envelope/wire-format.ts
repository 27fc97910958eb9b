import type { DeadLetter, IntegrationEvent } from '../transport.port';

/**
 * How an integration event travels on either transport: the key is the patient subject id (per-patient order; see
 * `partitionKeyOf` for the producer-ordered exception),
 * the value is the JSON envelope, and the headers repeat the routing facts so that a consumer (or an operator
 * reading a topic) can route or filter without parsing the body.
 */
export interface WireMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

export const HEADER_TYPE = 'stepwell-type';
export const HEADER_VERSION = 'stepwell-version';
export const HEADER_MESSAGE_ID = 'stepwell-message-id';
export const HEADER_CONTENT_TYPE = 'content-type';
export const CONTENT_TYPE_EVENT = 'application/vnd.stepwell.integration-event+json';
export const CONTENT_TYPE_DEAD_LETTER = 'application/vnd.stepwell.dead-letter+json';
/** The `stepwell-type` header of a dead letter. */
export const DEAD_LETTER_TYPE = 'stepwell.dead-letter';

export type DecodeResult = { ok: true; event: IntegrationEvent } | { ok: false; problems: string[] };

/** The raw value and headers as a transport received them (Kafka gives buffers, PostgreSQL text). */
export interface RawMessage {
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer | readonly (string | Buffer)[] | undefined>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ENVELOPE_FIELDS = new Set([
  'messageId',
  'type',
  'version',
  'source',
  'patientSubjectId',
  'occurredAt',
  'correlationId',
  'causationId',
  'data',
]);

/**
 * Types that carry no patient but must reach consumers in their producer's order: a producer's signed tree heads
 * (issue 19 point 2), which a witness checks each against the one before. Keyed by their producer, so they share one
 * partition; other patient-less events keep no key (spread over the partitions).
 */
export const PRODUCER_ORDERED_TYPE = /\.tree-head-signed$/;

/** The partition key: the patient subject id (per-patient order), the producer for producer-ordered types, else none. */
export function partitionKeyOf(event: IntegrationEvent): string | null {
  if (event.patientSubjectId !== null) return event.patientSubjectId;
  return PRODUCER_ORDERED_TYPE.test(event.type) ? `producer:${event.source}` : null;
}

export function encodeIntegrationEvent(event: IntegrationEvent): WireMessage {
  const problems = envelopeProblems(event);
  if (problems.length) throw new InvalidEnvelopeError(problems);
  return {
    key: partitionKeyOf(event),
    value: JSON.stringify(event),
    headers: {
      [HEADER_TYPE]: event.type,
      [HEADER_VERSION]: String(event.version),
      [HEADER_MESSAGE_ID]: event.messageId,
      [HEADER_CONTENT_TYPE]: CONTENT_TYPE_EVENT,
    },
  };
}

/** Parses and strictly validates an envelope; the data is validated later, against its contract. */
export function decodeIntegrationEvent(raw: RawMessage): DecodeResult {
  const text = rawText(raw.value);
  if (text === null) return { ok: false, problems: ['value: empty message'] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['value: not JSON'] };
  }
  const problems = envelopeProblems(parsed);
  if (problems.length) return { ok: false, problems };
  const event = parsed as IntegrationEvent;
  const headers = normaliseHeaders(raw.headers);
  if (headers[HEADER_TYPE] !== undefined && headers[HEADER_TYPE] !== event.type) {
    problems.push(`headers: ${HEADER_TYPE} disagrees with the body`);
  }
  if (headers[HEADER_VERSION] !== undefined && headers[HEADER_VERSION] !== String(event.version)) {
    problems.push(`headers: ${HEADER_VERSION} disagrees with the body`);
  }
  if (headers[HEADER_MESSAGE_ID] !== undefined && headers[HEADER_MESSAGE_ID] !== event.messageId) {
    problems.push(`headers: ${HEADER_MESSAGE_ID} disagrees with the body`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, event };
}

export function envelopeProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['envelope: must be a JSON object'];
  const e = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(e)) if (!ENVELOPE_FIELDS.has(key)) problems.push(`envelope: unknown field ${key}`);
  if (typeof e['messageId'] !== 'string' || !UUID.test(e['messageId'])) problems.push('messageId: must be a UUID');
  if (typeof e['type'] !== 'string' || !/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(e['type'])) {
    problems.push('type: must be "<producer>.<event-name>"');
  }
  if (typeof e['version'] !== 'number' || !Number.isInteger(e['version']) || e['version'] < 1) {
    problems.push('version: must be a positive integer');
  }
  if (typeof e['source'] !== 'string' || e['source'] === '') problems.push('source: must be a non-empty string');
  if (e['patientSubjectId'] !== null && (typeof e['patientSubjectId'] !== 'string' || e['patientSubjectId'] === '')) {
    problems.push('patientSubjectId: must be a non-empty string or null');
  }
  if (typeof e['occurredAt'] !== 'string' || !ISO_INSTANT.test(e['occurredAt']) || Number.isNaN(Date.parse(e['occurredAt']))) {
    problems.push('occurredAt: must be an ISO 8601 instant');
  }
  if (typeof e['correlationId'] !== 'string' || e['correlationId'] === '') {
    problems.push('correlationId: must be a non-empty string');
  }
  if (e['causationId'] !== null && (typeof e['causationId'] !== 'string' || e['causationId'] === '')) {
    problems.push('causationId: must be a non-empty string or null');
  }
  if (!('data' in e) || e['data'] === null || typeof e['data'] !== 'object') problems.push('data: must be an object');
  return problems;
}

export class InvalidEnvelopeError extends Error {
  readonly code = 'INVALID_ENVELOPE' as const;
  /** Retrying cannot fix a malformed message. */
  readonly permanent = true;

  constructor(readonly problems: readonly string[]) {
    super(`Invalid integration-event envelope: ${problems.join('; ')}`);
    this.name = 'InvalidEnvelopeError';
  }
}

export function encodeDeadLetter(letter: DeadLetter): WireMessage {
  return {
    key: letter.event?.patientSubjectId ?? null,
    value: JSON.stringify(letter),
    headers: {
      [HEADER_TYPE]: DEAD_LETTER_TYPE,
      [HEADER_VERSION]: '1',
      [HEADER_CONTENT_TYPE]: CONTENT_TYPE_DEAD_LETTER,
      'stepwell-original-topic': letter.originalTopic,
      ...(letter.event ? { 'stepwell-original-type': letter.event.type } : {}),
    },
  };
}

export function decodeDeadLetter(value: string | Buffer): DeadLetter {
  return JSON.parse(rawText(value) ?? 'null') as DeadLetter;
}

export function rawText(value: string | Buffer | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.toString('utf8');
}

function normaliseHeaders(headers: RawMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name.toLowerCase()] = rawText(first as string | Buffer) ?? '';
  }
  return out;
}
