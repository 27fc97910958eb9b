import type { EventStore, RecordedEvent } from '@stepwell/event-store';
import type { SubjectAccessSentences } from '@stepwell/access';

/**
 * How one service's events read as journey entries (issue 19 item 5): the service's subject-access sentences (issue 15
 * item 4, `SubjectAccessRendering.sentences`), one plain-language sentence per event type that belongs on a person's
 * record. Event types without a sentence (the access trail, housekeeping) are not journey entries. One vocabulary per
 * service, shared by the person's own export and the clinicians' and auditors' journey.
 */
export type JourneyVocabulary = SubjectAccessSentences;

/** One thing the service recorded about the person: which record (the event's stream), what, and when it was recorded. */
export interface JourneyEntry {
  /** The event's global position in the service's log: the order, and what `npm run audit -- case-history` proves. */
  position: number;
  /** When the service committed it: what "as recorded at an instant" is measured by. */
  recordedAt: string;
  /** The record it is about (the event's stream, e.g. `appointment-…`). */
  record: string;
  type: string;
  /** What it means, in the plain language of the person's subject access export. */
  summary: string;
}

/**
 * A person's journey in one service as recorded at `asOf`: `entries` are what the service had recorded by then (in log
 * order); `laterCorrections` are what it recorded AFTER `asOf` about a record it already held at `asOf` (a cancelled
 * or moved appointment, an acknowledged alert, an answered consultation, a declined prescription) — shown apart, never
 * folded into the past. Records first made after `asOf` are not listed at all: the service did not know of them.
 * The same `asOf` gives the same `entries` whatever is appended later (byte-identical JSON: only recorded facts, in
 * log order, no clock read); `laterCorrections` can only grow.
 */
export interface JourneyAsOf {
  service: string;
  patientSubjectId: string;
  asOf: string;
  entries: JourneyEntry[];
  laterCorrections: JourneyEntry[];
}

/**
 * Folds the person's events (the event store's subject read, bounded by the log's head when the read began) into their
 * journey as of `asOf`. The one implementation every service's `GET /patients/{id}/journey?asOf=` (outside referrals,
 * whose journey is its own read model) uses; a service supplies only its vocabulary.
 */
export async function journeyAsOf(options: {
  store: Pick<EventStore, 'readBySubject' | 'headPosition'>;
  service: string;
  patientSubjectId: string;
  asOf: string;
  vocabulary: JourneyVocabulary;
}): Promise<JourneyAsOf> {
  const { store, service, patientSubjectId, asOf, vocabulary } = options;
  const upToPosition = await store.headPosition();
  const events = await store.readBySubject([patientSubjectId], { upToPosition });
  return foldJourney({ service, patientSubjectId, asOf, vocabulary, events });
}

/** The pure fold behind `journeyAsOf` (unit-tested): events in any order in, the journey as of `asOf` out. */
export function foldJourney(options: { service: string; patientSubjectId: string; asOf: string; vocabulary: JourneyVocabulary; events: readonly RecordedEvent[] }): JourneyAsOf {
  const { service, patientSubjectId, vocabulary } = options;
  const asOf = new Date(options.asOf).toISOString();
  const cutOff = Date.parse(asOf);
  const ordered = [...options.events]
    .filter((event) => Object.prototype.hasOwnProperty.call(vocabulary, event.type))
    .sort((a, b) => a.globalPosition - b.globalPosition);
  const entries: JourneyEntry[] = [];
  const laterCorrections: JourneyEntry[] = [];
  const known = new Set<string>();
  for (const event of ordered) {
    const entry = entryOf(event, vocabulary);
    if (Date.parse(event.recordedAt) <= cutOff) {
      entries.push(entry);
      known.add(event.streamId);
    } else if (known.has(event.streamId)) {
      laterCorrections.push(entry);
    }
  }
  return { service, patientSubjectId, asOf, entries, laterCorrections };
}

function entryOf(event: RecordedEvent, vocabulary: JourneyVocabulary): JourneyEntry {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const summary = vocabulary[event.type]?.(data) ?? event.type;
  return { position: event.globalPosition, recordedAt: new Date(event.recordedAt).toISOString(), record: event.streamId, type: event.type, summary };
}
