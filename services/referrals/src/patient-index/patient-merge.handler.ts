import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid } from '@stepwell/decider';
import { EVENT_STORE, WrongExpectedRevisionError, type EventMetadata, type EventStore, type StreamAppend } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
import { patientIndexDecider, type MergePatients, type UnmergePatients } from '../domain/patient-index/patient-index.decider';
import { patientIndexStreamOf, type PatientIndexEvent } from '../domain/patient-index/patient.events';
import { newPatientIndexEvent, PatientIndex } from '../shared/patient-index';

/** Attempts after a concurrent write to the duplicate's stream before giving up (as the platform's CommandHandler). */
const MAX_RETRIES = 3;

/**
 * Merges and unmerges of two patient records (issue 10 item 3), as the platform's command handler runs a decider:
 * read the records' streams (`PatientIndex.read`: the two parties and the records merged into the duplicate), decide
 * (`patientIndexDecider`: pure), append — the duplicate's event expecting the revision read and the survivor's link
 * with it in ONE multi-stream append — then wait for the read models, so that the next referral for either record
 * finds the survivor through the lookup. A concurrent write to the duplicate's stream reads and decides again.
 */
@Injectable()
export class PatientMergeHandler {
  constructor(
    private readonly index: PatientIndex,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ProjectionRunner,
  ) {}

  /** The events appended (none when the outcome was already in the index: repeating a merge writes nothing). */
  async handle(command: MergePatients | UnmergePatients, metadata: Omit<EventMetadata, 'schemaVersion' | 'patientSubjectId'>): Promise<readonly PatientIndexEvent[]> {
    const { survivorSubjectId: survivor, duplicateSubjectId: duplicate } = command.data;
    for (let attempt = 0; ; attempt++) {
      const { state, recorded } = await this.index.withDuplicatesOf(duplicate, await this.index.read([survivor, duplicate]));
      const events = patientIndexDecider.decide(command, state);
      if (events.length === 0) return [];
      const duplicateEvents = recorded.get(duplicate) ?? [];
      // The survivor's link takes its id from the duplicate's event it mirrors: a repeated merge completing a link
      // that a non-atomic store left out writes it once.
      let cause = [...duplicateEvents].reverse().find((event) => event.type === 'PatientMerged' || event.type === 'PatientUnmerged')?.id;
      const appends: StreamAppend[] = [];
      for (const event of events) {
        const id = event.type === 'PatientDuplicateLinked' ? deterministicUuid(`referrals/patient-duplicate-linked/${cause ?? randomUUID()}`) : randomUUID();
        if (event.type !== 'PatientDuplicateLinked') cause = id;
        const streamId = patientIndexStreamOf(event);
        // The duplicate's own event is the authoritative fact: it expects the revision decided on.
        const expectedRevision = event.type === 'PatientDuplicateLinked' ? 'any' : (duplicateEvents.at(-1)?.revision ?? 'no_stream');
        appends.push({ streamId, events: [newPatientIndexEvent(event, metadata, id)], expectedRevision });
      }
      try {
        const written = await this.store.appendToStreams(appends);
        await this.readModels.waitFor(written.lastGlobalPosition);
        return events;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_RETRIES) throw error;
      }
    }
  }
}
