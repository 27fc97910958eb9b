import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventMetadata, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import {
  choosePatientMatch,
  demographicKey,
  matchKeysFor,
  type KnownPatient,
  type NhsNumber,
  type PatientDemographics,
  type PatientMatchKey,
} from '../domain/patient-identity';
import { deterministicUuid, DomainError, NotFoundError } from '@stepwell/decider';
import {
  patientStreamId,
  type PatientContact,
  type PatientDuplicateLinked,
  type PatientKeyLinked,
  type PatientMergeDecision,
  type PatientNhsNumberLinked,
  type PatientReferred,
  type PatientRegistered,
} from './patient.events';
import type { ReferralsErrorCode } from './referrals-error-mappings';

export interface PatientToFind extends PatientDemographics, PatientContact {}

/**
 * Why the index could not be sure that the person is one record (issue 10 item 3). Never merged silently: the
 * referral carries the marker and an admin decides (`POST /patients/{id}/merge`, reversible by `…/unmerge`).
 * - `nhs-number-held-by-another-record`: the NHS number finds one record, while name, date of birth and postcode
 *   match another record that has no NHS number;
 * - `demographics-match-several`: name, date of birth and postcode match more than one record.
 */
export type PossibleDuplicatePatientReason = 'nhs-number-held-by-another-record' | 'demographics-match-several';

export interface FoundPatient {
  patientSubjectId: string;
  /** True when this request registered the person. */
  registered: boolean;
  /** Other records that may be the same person (sorted), and why; empty when the match was unambiguous. */
  possibleDuplicatePatients: string[];
  duplicateReason: PossibleDuplicatePatientReason | null;
}

/** A merge or unmerge that contradicts the index's current state (409 problem, nothing written). */
export class PatientMergeConflictError extends DomainError {
  constructor(why: string) {
    super('PATIENT_MERGE_CONFLICT', why, {});
    this.name = 'PatientMergeConflictError';
  }
}

/** How many merges the index follows from a record to the one it is read as (merges never form a cycle). */
const MAX_MERGE_CHAIN = 8;

type Metadata = Omit<EventMetadata, 'schemaVersion' | 'patientSubjectId'>;

/**
 * Key streams are named by a hash of the match key, so that stream names (which appear in logs and tooling)
 * never show an NHS number or a name.
 */
const keyStreamId = (key: PatientMatchKey): string =>
  `patient-key-${createHash('sha256').update(`${key.kind}\u0000${key.value}`).digest('hex')}`;

const isConflict = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'WRONG_EXPECTED_REVISION';

/**
 * The patient index this service owns: one subject id per person, found by NHS number, or by exact name, date of
 * birth and postcode when there is none (matching rules in `domain/patient-identity`).
 */
@Injectable()
export class PatientIndex {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Finds the person or registers them. An ambiguous demographic match (two people already share the key)
   * registers a new subject id rather than guessing: merging records later is safe, mixing two people is not.
   * `subjectIdIfNew` lets a retried request (same idempotency key) register under the same id.
   */
  async findOrRegister(patient: PatientToFind, metadata: Metadata, subjectIdIfNew: string = randomUUID()): Promise<FoundPatient> {
    const keys = matchKeysFor(patient);
    const nhsKey = keys.find((key) => key.kind === 'nhs-number');
    for (let attempt = 0; attempt < 3; attempt++) {
      const candidates = await this.candidates(keys);
      const match = choosePatientMatch(patient, candidates);
      if (match.kind === 'matched') {
        if (nhsKey && match.by === 'demographics') {
          // Known by name, date of birth and postcode, now with an NHS number: the number finds them from now on.
          // Create-once, like a registration: if another record took the number meanwhile, re-read and let the
          // number decide (the old `any` link let two records share one number: every later referral then 500ed).
          try {
            await this.link(nhsKey, match.patientSubjectId, metadata, 'no_stream');
          } catch (error) {
            if (isConflict(error)) continue;
            throw error;
          }
          await this.recordNhsNumber(match.patientSubjectId, nhsKey.value, metadata);
        }
        // The number finds one record while the demographics find another without a number: maybe one person.
        const others = match.by === 'nhs-number' ? demographicTwinsWithoutNumber(patient, candidates, match.patientSubjectId) : [];
        return {
          patientSubjectId: match.patientSubjectId,
          registered: false,
          possibleDuplicatePatients: others,
          duplicateReason: others.length > 0 ? 'nhs-number-held-by-another-record' : null,
        };
      }
      if (nhsKey) {
        // The NHS number's key stream is created once: a twin request for the same person loses here and re-reads.
        // A retry of the same request (same subject id) that lost to its twin completes the registration instead:
        // the twin may not have written the person's stream yet (sealing their fields takes a key first).
        try {
          await this.link(nhsKey, subjectIdIfNew, metadata, 'no_stream');
        } catch (error) {
          if (!isConflict(error)) throw error;
          if (!(await this.keyLinks(nhsKey)).includes(subjectIdIfNew)) continue;
        }
      }
      await this.register(patient, subjectIdIfNew, metadata);
      await this.link({ kind: 'demographics', value: demographicKey(patient) }, subjectIdIfNew, metadata, 'any');
      const others = match.kind === 'ambiguous' ? match.candidates.filter((id) => id !== subjectIdIfNew) : [];
      return {
        patientSubjectId: subjectIdIfNew,
        registered: true,
        possibleDuplicatePatients: others,
        duplicateReason: others.length > 0 ? 'demographics-match-several' : null,
      };
    }
    throw new Error('The patient index kept changing under concurrent registrations');
  }

  /** The record `patientSubjectId` is read as now: itself, or the record it was merged into. */
  async survivorOf(patientSubjectId: string): Promise<string> {
    let current = patientSubjectId;
    for (let hop = 0; hop < MAX_MERGE_CHAIN; hop++) {
      const { mergedInto } = await this.mergeStateOf(current);
      if (mergedInto === null) return current;
      current = mergedInto;
    }
    return current;
  }

  /**
   * Merges `duplicateSubjectId` into `survivorSubjectId`: from now on the duplicate's referrals and episodes are
   * read as the survivor's and a new referral matching the duplicate files under the survivor. Nothing is moved
   * or rewritten, so `unmerge` restores exactly the state before. Repeating the same merge writes nothing.
   */
  async merge(decision: Omit<PatientMergeDecision, 'decidedAt'>, metadata: Metadata): Promise<{ mergedNow: boolean }> {
    const { survivorSubjectId: survivor, duplicateSubjectId: duplicate } = decision;
    if (survivor === duplicate) throw new PatientMergeConflictError('A record cannot be merged into itself');
    if (!(await this.isKnown(survivor))) throw new NotFoundError<ReferralsErrorCode>('PATIENT_NOT_FOUND', `No patient ${survivor} is known`, { patientSubjectId: survivor });
    if (!(await this.isKnown(duplicate))) throw new NotFoundError<ReferralsErrorCode>('PATIENT_NOT_FOUND', `No patient ${duplicate} is known`, { patientSubjectId: duplicate });
    const state = await this.mergeStateOf(duplicate);
    if (state.mergedInto === survivor && state.lastMergeEventId !== null) {
      // Already merged: complete the survivor's mirror if a crash left it out, write nothing else.
      await this.linkDuplicate(state.lastMergeEventId, { ...decision, decidedAt: metadata.occurredAt }, true, metadata);
      return { mergedNow: false };
    }
    if (state.mergedInto !== null) throw new PatientMergeConflictError('The duplicate record is already merged into another record');
    if ((await this.survivorOf(survivor)) !== survivor) throw new PatientMergeConflictError('The surviving record is itself merged into another record');
    if ((await this.duplicatesOf(duplicate)).length > 0) throw new PatientMergeConflictError('Unmerge the records merged into the duplicate first');
    const data: PatientMergeDecision = { ...decision, decidedAt: metadata.occurredAt };
    const eventId = randomUUID();
    await this.store.appendToStream(
      patientStreamId(duplicate),
      [{ id: eventId, type: 'PatientMerged', data, metadata: { ...metadata, patientSubjectId: duplicate, schemaVersion: 1 } }],
      { expectedRevision: state.revision },
    );
    await this.linkDuplicate(eventId, data, true, metadata);
    return { mergedNow: true };
  }

  /** Reverses the merge of `duplicateSubjectId` into `survivorSubjectId` (409 when they are not merged). */
  async unmerge(decision: Omit<PatientMergeDecision, 'decidedAt'>, metadata: Metadata): Promise<void> {
    const { survivorSubjectId: survivor, duplicateSubjectId: duplicate } = decision;
    if (!(await this.isKnown(survivor))) throw new NotFoundError<ReferralsErrorCode>('PATIENT_NOT_FOUND', `No patient ${survivor} is known`, { patientSubjectId: survivor });
    if (!(await this.isKnown(duplicate))) throw new NotFoundError<ReferralsErrorCode>('PATIENT_NOT_FOUND', `No patient ${duplicate} is known`, { patientSubjectId: duplicate });
    const state = await this.mergeStateOf(duplicate);
    if (state.mergedInto !== survivor) throw new PatientMergeConflictError('These records are not merged');
    const data: PatientMergeDecision = { ...decision, decidedAt: metadata.occurredAt };
    const eventId = randomUUID();
    await this.store.appendToStream(
      patientStreamId(duplicate),
      [{ id: eventId, type: 'PatientUnmerged', data, metadata: { ...metadata, patientSubjectId: duplicate, schemaVersion: 1 } }],
      { expectedRevision: state.revision },
    );
    await this.linkDuplicate(eventId, data, false, metadata);
  }

  /** The records merged into this one now (the duplicate's own stream decides; the survivor's list only finds them). */
  async duplicatesOf(patientSubjectId: string): Promise<string[]> {
    const linked = new Set<string>();
    for (const event of await this.store.readStream(patientStreamId(patientSubjectId))) {
      if (event.type === 'PatientDuplicateLinked') linked.add((event.data as PatientDuplicateLinked['data']).duplicateSubjectId);
    }
    const attached: string[] = [];
    for (const duplicate of [...linked].sort()) {
      if ((await this.mergeStateOf(duplicate)).mergedInto === patientSubjectId) attached.push(duplicate);
    }
    return attached;
  }

  /** The merge and unmerge events concerning the record (its own and those of records merged into it), for the journey. */
  async mergeEventsOf(patientSubjectId: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(patientStreamId(patientSubjectId));
    const duplicates = new Set<string>();
    const own = events.filter((event) => {
      if (event.type === 'PatientDuplicateLinked') duplicates.add((event.data as PatientDuplicateLinked['data']).duplicateSubjectId);
      return event.type === 'PatientMerged' || event.type === 'PatientUnmerged';
    });
    const theirs: RecordedEvent[] = [];
    for (const duplicate of duplicates) {
      for (const event of await this.store.readStream(patientStreamId(duplicate))) {
        if ((event.type === 'PatientMerged' || event.type === 'PatientUnmerged') && (event.data as PatientMergeDecision).survivorSubjectId === patientSubjectId) {
          theirs.push(event);
        }
      }
    }
    return [...own, ...theirs];
  }

  private async mergeStateOf(patientSubjectId: string): Promise<{ mergedInto: string | null; revision: number | 'no_stream'; lastMergeEventId: string | null }> {
    const events = await this.store.readStream(patientStreamId(patientSubjectId));
    let mergedInto: string | null = null;
    let lastMergeEventId: string | null = null;
    for (const event of events) {
      if (event.type === 'PatientMerged') {
        mergedInto = (event.data as PatientMergeDecision).survivorSubjectId;
        lastMergeEventId = event.id;
      } else if (event.type === 'PatientUnmerged') {
        mergedInto = null;
        lastMergeEventId = event.id;
      }
    }
    const last = events.at(-1);
    return { mergedInto, revision: last === undefined ? 'no_stream' : last.revision, lastMergeEventId };
  }

  private async linkDuplicate(causeEventId: string, data: PatientMergeDecision, attached: boolean, metadata: Metadata): Promise<void> {
    const payload: PatientDuplicateLinked['data'] = { ...data, attached };
    try {
      await this.store.appendToStream(
        patientStreamId(data.survivorSubjectId),
        [
          {
            id: deterministicUuid(`referrals/patient-duplicate-linked/${causeEventId}`),
            type: 'PatientDuplicateLinked',
            data: payload,
            metadata: { ...metadata, patientSubjectId: data.survivorSubjectId, schemaVersion: 1 },
          },
        ],
        { expectedRevision: 'any' },
      );
    } catch (error) {
      // Written already by the first attempt of this same merge.
      if ((error as { code?: unknown } | null)?.code !== 'EVENT_ID_CONFLICT') throw error;
    }
  }

  private async recordNhsNumber(patientSubjectId: string, nhsNumber: NhsNumber, metadata: Metadata): Promise<void> {
    const data: PatientNhsNumberLinked['data'] = { patientSubjectId, nhsNumber };
    await this.store.appendToStream(
      patientStreamId(patientSubjectId),
      [{ id: randomUUID(), type: 'PatientNhsNumberLinked', data, metadata: { ...metadata, patientSubjectId, schemaVersion: 1 } }],
      { expectedRevision: 'any' },
    );
  }

  /** The person's subject id when the index knows them (no ambiguity), else null. Writes nothing. */
  async find(patient: PatientDemographics): Promise<string | null> {
    const match = choosePatientMatch(patient, await this.candidates(matchKeysFor(patient)));
    return match.kind === 'matched' ? match.patientSubjectId : null;
  }

  /** Records that a referral was made for the person. */
  async recordReferral(data: PatientReferred['data'], metadata: Metadata, eventId: string = randomUUID()): Promise<void> {
    try {
      await this.store.appendToStream(
        patientStreamId(data.patientSubjectId),
        [{ id: eventId, type: 'PatientReferred', data, metadata: { ...metadata, patientSubjectId: data.patientSubjectId, schemaVersion: 1 } }],
        { expectedRevision: 'any' },
      );
    } catch (error) {
      // A twin request recorded it first (same event id, its own request metadata): already in the index.
      if ((error as { code?: unknown } | null)?.code !== 'EVENT_ID_CONFLICT') throw error;
    }
  }

  /** The referrals made for a person, oldest first; empty for an unknown person. */
  async referralsOf(patientSubjectId: string): Promise<PatientReferred['data'][]> {
    const own = await this.ownReferralsOf(patientSubjectId);
    const merged = [];
    for (const duplicate of await this.duplicatesOf(patientSubjectId)) merged.push(...(await this.ownReferralsOf(duplicate)));
    if (merged.length === 0) return own;
    const seen = new Set(own.map((referral) => referral.referralId));
    return [...own, ...merged.filter((referral) => !seen.has(referral.referralId))].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  /** The referrals recorded under this record itself (not those of records merged into it). */
  async ownReferralsOf(patientSubjectId: string): Promise<PatientReferred['data'][]> {
    const events = await this.store.readStream(patientStreamId(patientSubjectId));
    const seen = new Set<string>();
    const referrals: PatientReferred['data'][] = [];
    for (const event of events) {
      if (event.type !== 'PatientReferred') continue;
      const data = event.data as PatientReferred['data'];
      if (seen.has(data.referralId)) continue;
      seen.add(data.referralId);
      referrals.push(data);
    }
    return referrals;
  }

  async isKnown(patientSubjectId: string): Promise<boolean> {
    const events = await this.store.readStream(patientStreamId(patientSubjectId), { maxCount: 1 });
    return events.some((event) => event.type === 'PatientRegistered');
  }

  /**
   * Everyone a key finds, each read as the record it is merged into (if any). A record found through an NHS number
   * key holds that number even when it was registered without one (records linked by the old code too).
   */
  private async candidates(keys: PatientMatchKey[]): Promise<KnownPatient[]> {
    const found = new Map<string, NhsNumber | null>();
    for (const key of keys) {
      for (const event of await this.store.readStream(keyStreamId(key))) {
        const id = (event.data as PatientKeyLinked['data']).patientSubjectId;
        if (key.kind === 'nhs-number') found.set(id, key.value);
        else if (!found.has(id)) found.set(id, null);
      }
    }
    const known: KnownPatient[] = [];
    for (const [id, viaNhsNumber] of found) {
      const events = await this.store.readStream(patientStreamId(id));
      const registered = events.find((event: RecordedEvent) => event.type === 'PatientRegistered');
      if (!registered) continue;
      const data = registered.data as PatientRegistered['data'];
      const linked = events.find((event) => event.type === 'PatientNhsNumberLinked')?.data as PatientNhsNumberLinked['data'] | undefined;
      const nhsNumber = (data.nhsNumber ?? linked?.nhsNumber ?? viaNhsNumber) as NhsNumber | null;
      known.push({ patientSubjectId: await this.survivorOf(id), nhsNumber, demographicKey: data.demographicKey });
    }
    return known;
  }

  private async register(patient: PatientToFind, patientSubjectId: string, metadata: Metadata): Promise<void> {
    const nhsKey = matchKeysFor(patient).find((key) => key.kind === 'nhs-number');
    const data: PatientRegistered['data'] = {
      patientSubjectId,
      nhsNumber: nhsKey ? nhsKey.value : null,
      givenName: patient.givenName.trim(),
      familyName: patient.familyName.trim(),
      dateOfBirth: patient.dateOfBirth,
      postcode: patient.postcode.trim(),
      phone: patient.phone,
      email: patient.email,
      preferredLanguage: patient.preferredLanguage,
      interpreterNeeded: patient.interpreterNeeded,
      demographicKey: demographicKey(patient),
    };
    try {
      await this.store.appendToStream(
        patientStreamId(patientSubjectId),
        [{ id: randomUUID(), type: 'PatientRegistered', data, metadata: { ...metadata, patientSubjectId, schemaVersion: 1 } }],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Registered already under this id (a retried request): the first registration stands.
      if (!isConflict(error)) throw error;
    }
  }

  /** The subject ids a match key's stream links to. */
  private async keyLinks(key: PatientMatchKey): Promise<string[]> {
    return (await this.store.readStream(keyStreamId(key))).map((event) => (event.data as PatientKeyLinked['data']).patientSubjectId);
  }

  private async link(key: PatientMatchKey, patientSubjectId: string, metadata: Metadata, expectedRevision: 'no_stream' | 'any'): Promise<void> {
    const data: PatientKeyLinked['data'] = { patientSubjectId, kind: key.kind };
    await this.store.appendToStream(
      keyStreamId(key),
      [{ id: randomUUID(), type: 'PatientKeyLinked', data, metadata: { ...metadata, patientSubjectId, schemaVersion: 1 } }],
      { expectedRevision },
    );
  }
}

/** Records without an NHS number whose demographics equal the person's, other than the one the number found. */
function demographicTwinsWithoutNumber(patient: PatientDemographics, candidates: readonly KnownPatient[], holder: string): string[] {
  const key = demographicKey(patient);
  return [
    ...new Set(
      candidates
        .filter((candidate) => candidate.demographicKey === key && candidate.nhsNumber === null && candidate.patientSubjectId !== holder)
        .map((candidate) => candidate.patientSubjectId),
    ),
  ].sort();
}
