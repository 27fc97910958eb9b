import type { DeadLetter } from '../transport.port';
import { deadLetterToKafkaMessage, nextOffset, toKafkaMessage } from './kafka-wire';
import { safeKafkaLogCreator } from './kafka-log-creator';
import type { KafkaLogLine } from './kafka-log-creator';
import { logLevel } from 'kafkajs';
import { patientEvent } from './testing/kafka-test-kit';

describe('Kafka records', () => {
  it('keys an event by its patient so that one patient keeps one partition', () => {
    const event = patientEvent('patient-1', 0);
    const record = toKafkaMessage(event);
    expect(record.key).toBe('patient-1');
    expect(JSON.parse(String(record.value))).toEqual(event);
    expect(record.headers).toMatchObject({
      'stepwell-type': event.type,
      'stepwell-version': '1',
      'stepwell-message-id': event.messageId,
      'stepwell-source': event.source,
      'stepwell-correlation-id': event.correlationId,
    });
  });

  it('keys an event about no patient by its own id', () => {
    const event = patientEvent(null, 0);
    expect(toKafkaMessage(event).key).toBe(event.messageId);
  });

  it('refuses to encode an event whose envelope is malformed', () => {
    expect(() => toKafkaMessage({ ...patientEvent('patient-1', 0), messageId: 'not-a-uuid' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ENVELOPE' }),
    );
  });

  it('keys a dead letter of an unreadable record by the original key, and says where it came from in headers', () => {
    const letter: DeadLetter = {
      id: '7d7f2a6e-52f5-4f0e-9d2f-1e1b1c0e9a11',
      originalTopic: 'stepwell.referrals.events',
      originalPartition: 2,
      originalOffset: '9007199254740993',
      groupId: 'outcomes',
      error: { name: 'InvalidEnvelopeError', message: 'x'.repeat(5_000) },
      attempts: 1,
      deadLetteredAt: '2026-11-21T09:00:00.000Z',
      event: null,
      rawValue: 'garbage',
    };
    const record = deadLetterToKafkaMessage(letter, 'patient-9');
    expect(record.key).toBe('patient-9');
    expect(record.headers).toMatchObject({
      'stepwell-original-topic': 'stepwell.referrals.events',
      'stepwell-original-partition': '2',
      'stepwell-original-offset': '9007199254740993',
      'stepwell-group-id': 'outcomes',
      'stepwell-attempts': '1',
      'stepwell-error-name': 'InvalidEnvelopeError',
    });
    expect(String(record.headers?.['stepwell-error-message'])).toHaveLength(1_000);
    expect(JSON.parse(String(record.value))).toEqual(letter);
  });

  it('computes the next offset beyond the range of a JavaScript number without losing precision', () => {
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
    expect(nextOffset('0')).toBe('1');
  });
});

describe('kafkajs logging', () => {
  it('passes on only routing facts and the error, never a message payload or stack', () => {
    const lines: KafkaLogLine[] = [];
    const log = safeKafkaLogCreator((line) => lines.push(line))(logLevel.WARN);
    const error = new Error('handler failed');
    log({
      namespace: 'Runner',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: '2026-11-21T09:00:00.000Z',
        message: 'Error when calling eachMessage',
        topic: 'stepwell.referrals.events',
        partition: 1,
        groupId: 'outcomes',
        stack: error.stack,
        error,
        payload: { patientName: 'Jane Example' },
      } as never,
    });
    expect(lines).toEqual([
      {
        level: 'ERROR',
        namespace: 'Runner',
        message: 'Error when calling eachMessage',
        topic: 'stepwell.referrals.events',
        partition: 1,
        groupId: 'outcomes',
        error: 'Error: handler failed',
      },
    ]);
  });
});
