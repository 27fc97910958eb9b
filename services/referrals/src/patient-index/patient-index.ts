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
import {
  patientStreamId,
  type PatientContact,
  type PatientKeyLinked,
  type PatientReferred,
  type PatientRegistered,
} from './patient.events';

export interface PatientToFind extends PatientDemographics, PatientContact {}

export interface FoundPatient {
  patientSubjectId: string;
  /** True when this request registered the person. */
  registered: boolean;
}

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
    for (let attempt = 0; attempt < 3; attempt++) {
      const candidates = await this.candidates(keys);
      const match = choosePatientMatch(patient, candidates);
      const nhsKey = keys.find((key) => key.kind === 'nhs-number');
      if (match.kind === 'matched') {
        // Known by name, date of birth and postcode, now with an NHS number: the number finds them from now on.
        if (nhsKey && match.by === 'demographics') await this.link(nhsKey, match.patientSubjectId, metadata, 'any');
        return { patientSubjectId: match.patientSubjectId, registered: false };
      }
      if (nhsKey) {
        // The NHS number's key stream is created once: a twin request for the same person loses here and re-reads.
        try {
          await this.link(nhsKey, subjectIdIfNew, metadata, 'no_stream');
        } catch (error) {
          if (isConflict(error)) continue;
          throw error;
        }
      }
      await this.register(patient, subjectIdIfNew, metadata);
      await this.link({ kind: 'demographics', value: demographicKey(patient) }, subjectIdIfNew, metadata, 'any');
      return { patientSubjectId: subjectIdIfNew, registered: true };
    }
    throw new Error('The patient index kept changing under concurrent registrations');
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

  private async candidates(keys: PatientMatchKey[]): Promise<KnownPatient[]> {
    const ids = new Set<string>();
    for (const key of keys) {
      for (const event of await this.store.readStream(keyStreamId(key))) {
        ids.add((event.data as PatientKeyLinked['data']).patientSubjectId);
      }
    }
    const known: KnownPatient[] = [];
    for (const id of ids) {
      const registered = (await this.store.readStream(patientStreamId(id))).find(
        (event: RecordedEvent) => event.type === 'PatientRegistered',
      );
      if (!registered) continue;
      const data = registered.data as PatientRegistered['data'];
      known.push({ patientSubjectId: id, nhsNumber: data.nhsNumber as NhsNumber | null, demographicKey: data.demographicKey });
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

  private async link(key: PatientMatchKey, patientSubjectId: string, metadata: Metadata, expectedRevision: 'no_stream' | 'any'): Promise<void> {
    const data: PatientKeyLinked['data'] = { patientSubjectId, kind: key.kind };
    await this.store.appendToStream(
      keyStreamId(key),
      [{ id: randomUUID(), type: 'PatientKeyLinked', data, metadata: { ...metadata, patientSubjectId, schemaVersion: 1 } }],
      { expectedRevision },
    );
  }
}
