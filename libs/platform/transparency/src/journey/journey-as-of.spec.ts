import type { RecordedEvent } from '@stepwell/event-store';
import { foldJourney, journeyAsOf, type JourneyVocabulary } from './journey-as-of';

const vocabulary: JourneyVocabulary = {
  AppointmentBooked: (d) => `Booked for ${String(d['startsAt'])}.`,
  AppointmentCancelled: (d) => `Cancelled (${String(d['reason'])}).`,
};
const base = Date.now();
const at = (offsetSeconds: number): string => new Date(base + offsetSeconds * 1000).toISOString();

function event(position: number, streamId: string, type: string, recordedAt: string, data: Record<string, unknown> = {}): RecordedEvent {
  return {
    id: `e${position}`,
    type,
    data,
    metadata: { correlationId: 'c', causationId: null, actor: { type: 'system' }, patientSubjectId: 'p1', schemaVersion: 1 } as unknown as RecordedEvent['metadata'],
    streamId,
    revision: 0,
    globalPosition: position,
    recordedAt,
    hash: 'h',
  };
}

const events = [
  event(3, 'appointment-b', 'AppointmentBooked', at(30), { startsAt: at(500) }),
  event(1, 'appointment-a', 'AppointmentBooked', at(10), { startsAt: at(400), notes: 'free text stays out' }),
  event(2, 'appointment-a', 'AccessRecorded', at(20)),
  event(4, 'appointment-a', 'AppointmentCancelled', at(40), { reason: 'patient-request' }),
];

describe('foldJourney (issue 19 item 5: the journey as recorded at an instant)', () => {
  it('lists what was recorded by asOf in log order, each in its plain-language sentence', () => {
    const journey = foldJourney({ service: 'scheduling', patientSubjectId: 'p1', asOf: at(15), vocabulary, events });
    expect(journey.entries).toEqual([{ position: 1, recordedAt: at(10), record: 'appointment-a', type: 'AppointmentBooked', summary: `Booked for ${at(400)}.` }]);
  });

  it('shows a later change to a record held at asOf apart, and leaves out records first made after asOf', () => {
    const journey = foldJourney({ service: 'scheduling', patientSubjectId: 'p1', asOf: at(25), vocabulary, events });
    expect(journey.entries.map((e) => e.position)).toEqual([1]);
    expect(journey.laterCorrections).toEqual([{ position: 4, recordedAt: at(40), record: 'appointment-a', type: 'AppointmentCancelled', summary: 'Cancelled (patient-request).' }]);
  });

  it('counts an event recorded exactly at asOf as recorded by then', () => {
    expect(foldJourney({ service: 's', patientSubjectId: 'p1', asOf: at(40), vocabulary, events }).entries.map((e) => e.position)).toEqual([1, 3, 4]);
  });

  it('gives byte-identical JSON for the same asOf however the events arrive, and an unchanged past once more is appended', () => {
    const one = JSON.stringify(foldJourney({ service: 's', patientSubjectId: 'p1', asOf: at(35), vocabulary, events }));
    const two = JSON.stringify(foldJourney({ service: 's', patientSubjectId: 'p1', asOf: at(35), vocabulary, events: [...events].reverse() }));
    expect(two).toBe(one);
    const grown = foldJourney({ service: 's', patientSubjectId: 'p1', asOf: at(35), vocabulary, events: [...events, event(5, 'appointment-c', 'AppointmentBooked', at(50))] });
    expect(JSON.stringify(grown.entries)).toBe(JSON.stringify(JSON.parse(one).entries));
  });

  it('reads the person by subject up to the head position the read began at', async () => {
    const calls: unknown[] = [];
    const store = {
      headPosition: async () => 4,
      readBySubject: async (subjects: readonly string[], options?: { upToPosition?: number }) => {
        calls.push([subjects, options]);
        return events;
      },
    };
    const journey = await journeyAsOf({ store, service: 's', patientSubjectId: 'p1', asOf: at(45), vocabulary });
    expect(calls).toEqual([[['p1'], { upToPosition: 4 }]]);
    expect(journey.entries).toHaveLength(3);
    expect(journey.laterCorrections).toEqual([]);
  });
});
