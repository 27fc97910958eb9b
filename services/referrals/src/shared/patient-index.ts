import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import { randomUUID } from 'node:crypto';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventMetadata, type EventStore, type RecordedEvent, type StreamAppend } from '@stepwell/event-store';
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
  patientKeyStreamId,
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

/** What the index would write to register or update a person, in order, with the person it found. */
export interface PatientPlan {
  found: FoundPatient;
  /**
   * The appends that make the index know the person as found (NHS number key created once, registration, demographic
   * key, NHS number linked), in the order to write them; empty when the person is known as is. The caller writes them
   * in one multi-stream append together with its own streams; a `WRONG_EXPECTED_REVISION` on any of them means a
   * concurrent request changed the index: plan again with `fresh`.
   */
  appends: StreamAppend[];
}

/**
 * How many records one demographic key may bring back. Exact matching on name, date of birth and postcode finds
 * more than one record only for people who really share them (twins at home) or for test data; past this bound the
 * lookup stops growing with them (issue 14: ~350 people sharing one key made every referral re-read all their
 * streams). The referral is then marked ambiguous naming the first ones by subject id (H-WP1).
 */
export const MAX_DEMOGRAPHIC_CANDIDATES = 50;

interface LookupRow {
  match_key: string;
  patient_subject_id: string;
  nhs_key: string | null;
  demographic_key: string;
  merged_into: string | null;
}

/**
 * The patient index this service owns: one subject id per person, found by NHS number, or by exact name, date of
 * birth and postcode when there is none (matching rules in `domain/patient-identity`). Its streams are the authority
 * (key streams created once, so two requests never both take one NHS number); finding a person reads the lookup read
 * model (read-models/patient-lookup.ts) in one indexed query, however many people share a key.
 */
@Injectable()
export class PatientIndex {
  private readonly lookupTables: { records: string; keys: string };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly readModels: ProjectionRunner,
  ) {
    const schema = readModelSchema(dataSource);
    this.lookupTables = { records: qualifiedTable(schema, 'patient_lookup'), keys: qualifiedTable(schema, 'patient_lookup_keys') };
  }

  /**
   * Finds the person, or plans their registration (nothing is written here: see `PatientPlan`). An ambiguous
   * demographic match (two people already share the key) registers a new subject id rather than guessing: merging
   * records later is safe, mixing two people is not. `subjectIdIfNew` lets a retried request (same idempotency key)
   * register under the same id. `fresh` (after a conflict): the holder of the NHS number and a record already
   * registered under `subjectIdIfNew` are read from the index's own streams too, since the lookup may not hold a
   * concurrent request's writes yet.
   */
  async plan(patient: PatientToFind, metadata: Metadata, subjectIdIfNew: string = randomUUID(), fresh = false): Promise<PatientPlan> {
    const keys = matchKeysFor(patient);
    const nhsKey = keys.find((key): key is Extract<PatientMatchKey, { kind: 'nhs-number' }> => key.kind === 'nhs-number');
    const candidates = await this.candidates(patient);
    if (fresh) candidates.push(...(await this.candidatesFromStreams(nhsKey, subjectIdIfNew)));
    const match = choosePatientMatch(patient, candidates);
    if (match.kind === 'matched') {
      const appends: StreamAppend[] = [];
      if (nhsKey && match.by === 'demographics') {
        // Known by name, date of birth and postcode, now with an NHS number: the number finds them from now on.
        // Create-once, like a registration: if another record took the number meanwhile, the append fails and the
        // caller plans again, letting the number decide (the old `any` link let two records share one number).
        appends.push(this.link(nhsKey, match.patientSubjectId, metadata, 'no_stream'));
        const data: PatientNhsNumberLinked['data'] = { patientSubjectId: match.patientSubjectId, nhsNumber: nhsKey.value };
        appends.push({
          streamId: patientStreamId(match.patientSubjectId),
          events: [{ id: randomUUID(), type: 'PatientNhsNumberLinked', data, metadata: { ...metadata, patientSubjectId: match.patientSubjectId, schemaVersion: 1 } }],
          expectedRevision: 'any',
        });
      }
      // The number finds one record while the demographics find another without a number: maybe one person.
      const others = match.by === 'nhs-number' ? demographicTwinsWithoutNumber(patient, candidates, match.patientSubjectId) : [];
      return {
        found: {
          patientSubjectId: match.patientSubjectId,
          registered: false,
          possibleDuplicatePatients: others,
          duplicateReason: others.length > 0 ? 'nhs-number-held-by-another-record' : null,
        },
        appends,
      };
    }
    const appends: StreamAppend[] = [];
    // The NHS number's key stream is created once: a twin request for the same person fails here and plans again.
    if (nhsKey) appends.push(this.link(nhsKey, subjectIdIfNew, metadata, 'no_stream'));
    appends.push(this.registration(patient, subjectIdIfNew, metadata));
    appends.push(this.link({ kind: 'demographics', value: demographicKey(patient) }, subjectIdIfNew, metadata, 'any'));
    const others = match.kind === 'ambiguous' ? match.candidates.filter((id) => id !== subjectIdIfNew) : [];
    return {
      found: {
        patientSubjectId: subjectIdIfNew,
        registered: true,
        possibleDuplicatePatients: others,
        duplicateReason: others.length > 0 ? 'demographics-match-several' : null,
      },
      appends,
    };
  }

  /** The NHS number's holders and the record registered under `subjectId`, read from the index's streams. */
  private async candidatesFromStreams(nhsKey: Extract<PatientMatchKey, { kind: 'nhs-number' }> | undefined, subjectId: string): Promise<KnownPatient[]> {
    const holders = nhsKey ? (await this.store.readStream(patientKeyStreamId(nhsKey))).map((event) => (event.data as PatientKeyLinked['data']).patientSubjectId) : [];
    const known: KnownPatient[] = [];
    for (const id of new Set([...holders, subjectId])) {
      const events = await this.store.readStream(patientStreamId(id));
      const registered = events.find((event) => event.type === 'PatientRegistered')?.data as PatientRegistered['data'] | undefined;
      if (!registered) continue;
      const linked = events.find((event) => event.type === 'PatientNhsNumberLinked')?.data as PatientNhsNumberLinked['data'] | undefined;
      const nhsNumber = holders.includes(id) && nhsKey ? nhsKey.value : ((registered.nhsNumber ?? linked?.nhsNumber ?? null) as NhsNumber | null);
      known.push({ patientSubjectId: await this.survivorOf(id), nhsNumber, demographicKey: registered.demographicKey });
    }
    return known;
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
    const appended = await this.store.appendToStream(
      patientStreamId(duplicate),
      [{ id: eventId, type: 'PatientMerged', data, metadata: { ...metadata, patientSubjectId: duplicate, schemaVersion: 1 } }],
      { expectedRevision: state.revision },
    );
    await this.linkDuplicate(eventId, data, true, metadata);
    // The next referral for either record finds the survivor through the lookup.
    await this.readModels.waitFor(appended.lastGlobalPosition);
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
    const appended = await this.store.appendToStream(
      patientStreamId(duplicate),
      [{ id: eventId, type: 'PatientUnmerged', data, metadata: { ...metadata, patientSubjectId: duplicate, schemaVersion: 1 } }],
      { expectedRevision: state.revision },
    );
    await this.linkDuplicate(eventId, data, false, metadata);
    await this.readModels.waitFor(appended.lastGlobalPosition);
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

  /** The person's subject id when the index knows them (no ambiguity), else null. Writes nothing. */
  async find(patient: PatientDemographics): Promise<string | null> {
    const match = choosePatientMatch(patient, await this.candidates(patient));
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
   * Everyone the person's keys find, each read as the record it is merged into (if any), in one indexed query of
   * the lookup read model. With an NHS number, the demographic key brings back only records holding no number or
   * this one (a record holding another number is another person: the match never uses it), so the query does not
   * grow with people who share a name, birth date and postcode; without one, at most MAX_DEMOGRAPHIC_CANDIDATES.
   * A record found through the NHS number's key holds that number even when it was registered without one.
   */
  private async candidates(patient: PatientDemographics): Promise<KnownPatient[]> {
    const keys = matchKeysFor(patient);
    const nhsKey = keys.find((key) => key.kind === 'nhs-number');
    const nhsStream = nhsKey ? patientKeyStreamId(nhsKey) : null;
    const requestDemographicKey = demographicKey(patient);
    const demographicStream = patientKeyStreamId({ kind: 'demographics', value: requestDemographicKey });
    const { records, keys: keyTable } = this.lookupTables;
    const rows = (await this.dataSource.query(
      `SELECT k.match_key, r.patient_subject_id, r.nhs_key, r.demographic_key, r.merged_into
         FROM ${keyTable} k JOIN ${records} r ON r.patient_subject_id = k.patient_subject_id
        WHERE k.match_key = $1 OR (k.match_key = $2 AND ($1::text IS NULL OR r.nhs_key IS NULL OR r.nhs_key = $1))
        ORDER BY (k.match_key = $2), r.patient_subject_id
        LIMIT $3`,
      [nhsStream, demographicStream, MAX_DEMOGRAPHIC_CANDIDATES + 2],
    )) as LookupRow[];
    const found = new Map<string, KnownPatient>();
    for (const row of rows) {
      if (found.has(row.patient_subject_id)) continue;
      const holdsRequestNumber = nhsKey !== undefined && (row.match_key === nhsStream || row.nhs_key === nhsStream);
      found.set(row.patient_subject_id, {
        patientSubjectId: row.patient_subject_id,
        // The lookup keeps hashed keys only: a record holding another number gets its key in place of the number,
        // which equals no NHS number (matching only asks "this number, another, or none").
        nhsNumber: holdsRequestNumber ? (nhsKey.value as NhsNumber) : (row.nhs_key as NhsNumber | null),
        demographicKey: row.demographic_key === demographicStream ? requestDemographicKey : row.demographic_key,
      });
    }
    const mergedInto = new Map(rows.map((row) => [row.patient_subject_id, row.merged_into]));
    const known: KnownPatient[] = [];
    for (const candidate of found.values()) {
      const merged = mergedInto.get(candidate.patientSubjectId);
      known.push(merged ? { ...candidate, patientSubjectId: await this.survivorOf(candidate.patientSubjectId) } : candidate);
    }
    return known;
  }

  private registration(patient: PatientToFind, patientSubjectId: string, metadata: Metadata): StreamAppend {
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
    return {
      streamId: patientStreamId(patientSubjectId),
      events: [{ id: randomUUID(), type: 'PatientRegistered', data, metadata: { ...metadata, patientSubjectId, schemaVersion: 1 } }],
      expectedRevision: 'no_stream',
    };
  }

  private link(key: PatientMatchKey, patientSubjectId: string, metadata: Metadata, expectedRevision: 'no_stream' | 'any'): StreamAppend {
    const data: PatientKeyLinked['data'] = { patientSubjectId, kind: key.kind };
    return {
      streamId: patientKeyStreamId(key),
      events: [{ id: randomUUID(), type: 'PatientKeyLinked', data, metadata: { ...metadata, patientSubjectId, schemaVersion: 1 } }],
      expectedRevision,
    };
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
