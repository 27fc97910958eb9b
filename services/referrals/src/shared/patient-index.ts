import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { fold } from '@stepwell/decider';
import { EVENT_STORE, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent, type StreamAppend } from '@stepwell/event-store';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { demographicKey, matchKeysFor, type PatientDemographics } from '../domain/patient-identity';
import {
  duplicatesOf,
  findPatient,
  identifyPatient,
  MAX_MERGE_CHAIN,
  patientIndexDecider,
  survivorOf,
  type FoundPatient,
  type IdentifyPatient,
  type IndexedPatient,
  type PatientIndexState,
} from '../domain/patient-index/patient-index.decider';
import {
  patientIndexStreamOf,
  patientKeyStreamId,
  patientStreamId,
  patientSubjectOf,
  type PatientDuplicateLinked,
  type PatientIndexEvent,
  type PatientKeyLinked,
  type PatientMergeDecision,
  type PatientReferred,
} from '../domain/patient-index/patient.events';

type Metadata = Omit<EventMetadata, 'schemaVersion' | 'patientSubjectId'>;

/** What the index would write to know the person as found, with the person it found. */
export interface PatientPlan {
  found: FoundPatient;
  /**
   * The appends that make the index know the person as found (NHS number key created once, registration, demographic
   * key, NHS number linked), one per stream in the order to write them; empty when the person is known as is. The
   * caller writes them in one multi-stream append together with its own streams; a `WRONG_EXPECTED_REVISION` on any
   * of them means a concurrent request changed the index: plan again with `fresh`.
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

/** An index event as the store takes it: about its record (`patientSubjectOf`), schema version 1. */
export function newPatientIndexEvent(event: PatientIndexEvent, metadata: Metadata, id: string = randomUUID()): NewEvent {
  return { id, type: event.type, data: event.data, metadata: { ...metadata, patientSubjectId: patientSubjectOf(event), schemaVersion: 1 } };
}

/**
 * The patient index this service owns: one subject id per person (decisions in `domain/patient-index`, matching rules
 * in `domain/patient-identity`). This is its impure side: it reads the part of the index a decision concerns — the
 * lookup read model (read-models/patient-lookup.ts) in one indexed query however many people share a key, and the
 * index's own streams, which are the authority (key streams created once, so two requests never both take one NHS
 * number) — and turns the decider's events into appends. Merges are decided and written by `PatientMergeHandler`.
 */
@Injectable()
export class PatientIndex {
  private readonly lookupTables: { records: string; keys: string };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {
    const schema = readModelSchema(dataSource);
    this.lookupTables = { records: qualifiedTable(schema, 'patient_lookup'), keys: qualifiedTable(schema, 'patient_lookup_keys') };
  }

  /**
   * Finds the person, or plans their registration under `subjectIdIfNew` (nothing is written here: see `PatientPlan`).
   * `fresh` (after a conflict): the holders of the NHS number and a record already registered under `subjectIdIfNew`
   * are read from the index's own streams too, since the lookup may not hold a concurrent request's writes yet.
   */
  async plan(command: IdentifyPatient['data'], metadata: Metadata, fresh = false): Promise<PatientPlan> {
    const lookedUp = await this.lookup(command.patient);
    const state = fresh ? await this.withOwnStreams(lookedUp, command.patient, command.subjectIdIfNew) : lookedUp;
    const { found, events } = identifyPatient(state, command);
    const keys = matchKeysFor(command.patient);
    const appends: StreamAppend[] = [];
    for (const event of events) {
      const streamId = patientIndexStreamOf(event, keys);
      const part = appends.find((append) => append.streamId === streamId);
      if (part) {
        appends[appends.indexOf(part)] = { ...part, events: [...part.events, newPatientIndexEvent(event, metadata)] };
        continue;
      }
      // Created once: an NHS number's key (one record per number) and a registration. A demographic key finds all
      // who share it, and a known record's stream takes the number it is now found by whatever else it holds.
      const createdOnce = (event.type === 'PatientKeyLinked' && event.data.kind === 'nhs-number') || event.type === 'PatientRegistered';
      appends.push({ streamId, events: [newPatientIndexEvent(event, metadata)], expectedRevision: createdOnce ? 'no_stream' : 'any' });
    }
    return { found, appends };
  }

  /** The person's subject id when the index knows them (no ambiguity), else null. Writes nothing. */
  async find(patient: PatientDemographics): Promise<string | null> {
    return findPatient(await this.lookup(patient), patient);
  }

  /** The record `patientSubjectId` is read as now: itself, or the record it was merged into. */
  async survivorOf(patientSubjectId: string): Promise<string> {
    return survivorOf(await this.followMerges(patientIndexDecider.initialState, [patientSubjectId]), patientSubjectId);
  }

  /** The records merged into this one now (the duplicate's own stream decides; the survivor's list only finds them). */
  async duplicatesOf(patientSubjectId: string): Promise<string[]> {
    const { state } = await this.withDuplicatesOf(patientSubjectId, await this.read([patientSubjectId]));
    return duplicatesOf(state, patientSubjectId);
  }

  /**
   * The records' own streams folded into `from` (a stream read before is not read again), with what was read: the
   * state a merge or unmerge of them is decided on, and the revisions it expects.
   */
  async read(
    patientSubjectIds: readonly string[],
    from: { state: PatientIndexState; recorded: ReadonlyMap<string, RecordedEvent[]> } = { state: patientIndexDecider.initialState, recorded: new Map() },
  ): Promise<{ state: PatientIndexState; recorded: ReadonlyMap<string, RecordedEvent[]> }> {
    let { state } = from;
    const recorded = new Map(from.recorded);
    for (const id of new Set(patientSubjectIds)) {
      if (recorded.has(id)) continue;
      const events = await this.store.readStream(patientStreamId(id));
      recorded.set(id, events);
      state = fold(patientIndexDecider, events as unknown as PatientIndexEvent[], state);
    }
    return { state, recorded };
  }

  /** `read` plus the records the stream of `patientSubjectId` lists as merged into it (for `duplicatesOf`). */
  async withDuplicatesOf(
    patientSubjectId: string,
    from: { state: PatientIndexState; recorded: ReadonlyMap<string, RecordedEvent[]> },
  ): Promise<{ state: PatientIndexState; recorded: ReadonlyMap<string, RecordedEvent[]> }> {
    return this.read(Object.keys(from.state.records.get(patientSubjectId)?.linkedDuplicates ?? {}), from);
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

  /** Records that a referral was made for the person. */
  async recordReferral(data: PatientReferred['data'], metadata: Metadata, eventId: string = randomUUID()): Promise<void> {
    try {
      await this.store.appendToStream(patientStreamId(data.patientSubjectId), [newPatientIndexEvent({ type: 'PatientReferred', data }, metadata, eventId)], {
        expectedRevision: 'any',
      });
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

  /**
   * Everyone the person's keys find, as the index's state, in one indexed query of the lookup read model; a record
   * the lookup holds as merged is then followed through its own streams to the record it is read as. With an NHS
   * number, the demographic key brings back only records holding no number or this one (a record holding another
   * number is another person: the match never uses it), so the query does not grow with people who share a name,
   * birth date and postcode; without one, at most MAX_DEMOGRAPHIC_CANDIDATES. A record found through the NHS
   * number's key holds that number even when it was registered without one.
   */
  private async lookup(patient: PatientDemographics): Promise<PatientIndexState> {
    const nhsKey = matchKeysFor(patient).find((key) => key.kind === 'nhs-number');
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
    const found = new Map<string, IndexedPatient>();
    for (const row of rows) {
      if (found.has(row.patient_subject_id)) continue;
      const holdsRequestNumber = nhsKey !== undefined && (row.match_key === nhsStream || row.nhs_key === nhsStream);
      found.set(row.patient_subject_id, {
        patientSubjectId: row.patient_subject_id,
        registered: true,
        // The lookup keeps hashed keys only: a record holding another number gets its key in place of the number,
        // which equals no NHS number (matching only asks "this number, another, or none").
        nhsNumber: holdsRequestNumber ? nhsKey.value : row.nhs_key,
        demographicKey: row.demographic_key === demographicStream ? requestDemographicKey : row.demographic_key,
        mergedInto: row.merged_into,
        lastMergeDecision: null,
        linkedDuplicates: {},
      });
    }
    const merged = rows.filter((row) => row.merged_into !== null).map((row) => row.patient_subject_id);
    return this.followMerges({ records: found }, merged);
  }

  /**
   * The NHS number's holders (its key stream) and the record registered under `subjectIdIfNew`, read from their own
   * streams over what the lookup gave, each followed to the record it is read as.
   */
  private async withOwnStreams(state: PatientIndexState, patient: PatientDemographics, subjectIdIfNew: string): Promise<PatientIndexState> {
    const nhsKey = matchKeysFor(patient).find((key) => key.kind === 'nhs-number');
    const holders = nhsKey ? (await this.store.readStream(patientKeyStreamId(nhsKey))).map((event) => (event.data as PatientKeyLinked['data']).patientSubjectId) : [];
    const records = new Map(state.records);
    const read: string[] = [];
    for (const id of new Set([...holders, subjectIdIfNew])) {
      const own = (await this.read([id])).state.records.get(id);
      if (!own?.registered) continue;
      records.set(id, nhsKey && holders.includes(id) ? { ...own, nhsNumber: nhsKey.value } : own);
      read.push(id);
    }
    return this.followMerges({ records }, read, new Set(read));
  }

  /**
   * Reads the merge state of each record in `from` from its own stream (the authority: the lookup may lag), and of
   * each record it is merged into, up to MAX_MERGE_CHAIN merges on. A record already in the state keeps what the state
   * held of it but takes its merge state from its stream; `alreadyRead` names records whose state came from their
   * streams just now.
   */
  private async followMerges(state: PatientIndexState, from: readonly string[], alreadyRead: ReadonlySet<string> = new Set()): Promise<PatientIndexState> {
    const records = new Map(state.records);
    const read = new Set(alreadyRead);
    for (const start of from) {
      let current = start;
      for (let hop = 0; hop < MAX_MERGE_CHAIN; hop++) {
        if (!read.has(current)) {
          read.add(current);
          const own = (await this.read([current])).state.records.get(current);
          const known = records.get(current);
          if (known) records.set(current, { ...known, mergedInto: own?.mergedInto ?? null });
          else if (own) records.set(current, own);
        }
        const next = records.get(current)?.mergedInto ?? null;
        if (next === null) break;
        current = next;
      }
    }
    return { records };
  }
}
