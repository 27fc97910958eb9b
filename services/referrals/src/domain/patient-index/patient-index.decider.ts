import { assertNever, type Decider, DomainError, NotFoundError } from '@stepwell/decider';
import { choosePatientMatch, demographicKey, matchKeysFor, type KnownPatient, type PatientDemographics } from '../patient-identity';
import type { PossibleDuplicatePatient } from '../referral.decider';
import type {
  PatientContact,
  PatientDuplicateLinked,
  PatientIndexEvent,
  PatientKeyLinked,
  PatientMergeDecision,
  PatientMerged,
  PatientNhsNumberLinked,
  PatientRegistered,
  PatientUnmerged,
} from './patient.events';

/**
 * The patient index's decisions (issue 10 item 3, issue 13 item 5): who a referral's person is — found by NHS number,
 * else by exact name, date of birth and postcode (`choosePatientMatch`), or registered — whether they may be a
 * duplicate of another record, and the merges and unmerges an admin decides. Pure: the subject id of a person this
 * request would register and the decision's time arrive in the command; the state is the part of the index the
 * decision concerns, which the handler reads (`shared/patient-index.ts`: the lookup read model in one indexed query,
 * the index's own streams after a conflict and for merges) and which `evolve` folds from the index's events.
 * The events are addressed to their streams by `patientIndexStreamOf`; the handler appends them in one atomic
 * multi-stream append (with the referral's own, for a referral) and sets the expectations that keep the state it read
 * true: an NHS number's key stream and a registration are created once, a merge expects the duplicate's revision.
 */

/** The person as a referral names them: who they are (matching) and how to reach them (registration). */
export interface PatientToFind extends PatientDemographics, PatientContact {}

/** One record of the index, as far as its decisions need it. */
export interface IndexedPatient {
  patientSubjectId: string;
  /** Its `PatientRegistered` is known: only a registered record is found, merged or unmerged. */
  registered: boolean;
  /**
   * The NHS number it holds (registered with, else the first one linked later), or null. Read from the lookup read
   * model, a number other than the request's is a stand-in (its hashed key): matching only asks "this number, another
   * one, or none".
   */
  nhsNumber: string | null;
  /** Its demographic key (`demographicKey`), or a stand-in for one other than the request's (from the lookup). */
  demographicKey: string | null;
  /** The record it is read as now (its own stream's last merge), or null. */
  mergedInto: string | null;
  /** Its own stream's last merge or unmerge decision. */
  lastMergeDecision: PatientMergeDecision | null;
  /** The records its own stream lists as merged into it (`PatientDuplicateLinked`), each with the last link's `attached`. */
  linkedDuplicates: Readonly<Record<string, boolean>>;
}

export interface PatientIndexState {
  records: ReadonlyMap<string, IndexedPatient>;
}

/**
 * Find the person, or register them under `subjectIdIfNew` (stable across retries of one request). The decision's
 * time is the events' metadata: registration data carries none.
 */
export type IdentifyPatient = { type: 'IdentifyPatient'; data: { patient: PatientToFind; subjectIdIfNew: string } };
/** Read `duplicateSubjectId` as `survivorSubjectId` from now on (nothing moved: `UnmergePatients` restores it). */
export type MergePatients = { type: 'MergePatients'; data: PatientMergeDecision };
/** Reverse the merge of `duplicateSubjectId` into `survivorSubjectId`. */
export type UnmergePatients = { type: 'UnmergePatients'; data: PatientMergeDecision };
export type PatientIndexCommand = IdentifyPatient | MergePatients | UnmergePatients;

/** A merge or unmerge that contradicts the index's current state (409 problem, nothing written). */
export class PatientMergeConflictError extends DomainError {
  constructor(why: string) {
    super('PATIENT_MERGE_CONFLICT', why, {});
    this.name = 'PatientMergeConflictError';
  }
}

/** How many merges the index follows from a record to the one it is read as (merges never form a cycle). */
export const MAX_MERGE_CHAIN = 8;

/** Who the person is, and whether this request registers them. */
export interface FoundPatient {
  patientSubjectId: string;
  /** True when this request registers the person. */
  registered: boolean;
  /**
   * Other records that may be the same person (candidates sorted), and why; null when the match was unambiguous.
   * Never merged silently: the referral carries it and an admin decides (`MergePatients`, reversible).
   * - `nhs-number-held-by-another-record`: the NHS number finds one record, while name, date of birth and postcode
   *   match another record that has no NHS number;
   * - `demographics-match-several`: name, date of birth and postcode match more than one record.
   */
  possibleDuplicatePatient: PossibleDuplicatePatient | null;
}

/** `IdentifyPatient` decided: the person, and the events that make the index know them as found (empty if it does). */
export interface PatientIdentification {
  found: FoundPatient;
  events: PatientIndexEvent[];
}

const initialState: PatientIndexState = { records: new Map() };

const unknownRecord = (patientSubjectId: string): IndexedPatient => ({
  patientSubjectId,
  registered: false,
  nhsNumber: null,
  demographicKey: null,
  mergedInto: null,
  lastMergeDecision: null,
  linkedDuplicates: {},
});

const recordOf = (state: PatientIndexState, patientSubjectId: string): IndexedPatient =>
  state.records.get(patientSubjectId) ?? unknownRecord(patientSubjectId);

/** The record `patientSubjectId` is read as now: itself, or the record it was merged into (at most `MAX_MERGE_CHAIN` merges on). */
export function survivorOf(state: PatientIndexState, patientSubjectId: string): string {
  let current = patientSubjectId;
  for (let hop = 0; hop < MAX_MERGE_CHAIN; hop++) {
    const { mergedInto } = recordOf(state, current);
    if (mergedInto === null) return current;
    current = mergedInto;
  }
  return current;
}

/** The records merged into this one now, sorted: its own stream lists them, each one's own stream decides. */
export function duplicatesOf(state: PatientIndexState, patientSubjectId: string): string[] {
  return Object.keys(recordOf(state, patientSubjectId).linkedDuplicates)
    .sort()
    .filter((duplicate) => recordOf(state, duplicate).mergedInto === patientSubjectId);
}

/**
 * The registered records the person's keys find (the NHS number's holder first, then by subject id, as the lookup
 * orders them), each read as the record it is merged into.
 */
function candidatesFor(state: PatientIndexState, patient: PatientDemographics): KnownPatient[] {
  const nhsNumber = matchKeysFor(patient).find((key) => key.kind === 'nhs-number')?.value ?? null;
  const key = demographicKey(patient);
  const holdsNumber = (record: IndexedPatient) => nhsNumber !== null && record.nhsNumber === nhsNumber;
  return [...state.records.values()]
    .filter((record) => record.registered && (holdsNumber(record) || record.demographicKey === key))
    .sort((a, b) => Number(holdsNumber(b)) - Number(holdsNumber(a)) || a.patientSubjectId.localeCompare(b.patientSubjectId))
    .map((record) => ({
      patientSubjectId: survivorOf(state, record.patientSubjectId),
      nhsNumber: record.nhsNumber as KnownPatient['nhsNumber'],
      demographicKey: record.demographicKey ?? '',
    }));
}

/** The person's subject id when the index knows them unambiguously, else null. Decides nothing. */
export function findPatient(state: PatientIndexState, patient: PatientDemographics): string | null {
  const match = choosePatientMatch(patient, candidatesFor(state, patient));
  return match.kind === 'matched' ? match.patientSubjectId : null;
}

/**
 * Finds the person, or registers them. An ambiguous demographic match (two records already share the key) registers
 * a new record rather than guessing: merging records later is safe, mixing two people is not.
 */
export function identifyPatient(state: PatientIndexState, command: IdentifyPatient['data']): PatientIdentification {
  const { patient, subjectIdIfNew } = command;
  const nhsKey = matchKeysFor(patient).find((key) => key.kind === 'nhs-number');
  const candidates = candidatesFor(state, patient);
  const match = choosePatientMatch(patient, candidates);
  const keyLinked = (patientSubjectId: string, kind: PatientKeyLinked['data']['kind']): PatientKeyLinked => ({ type: 'PatientKeyLinked', data: { patientSubjectId, kind } });
  if (match.kind === 'matched') {
    const { patientSubjectId } = match;
    // Known by name, date of birth and postcode, now with an NHS number: the number finds them from now on (its key
    // linked create-once, like a registration's: if another record took the number meanwhile, the handler reads again
    // and the number decides).
    const events: PatientIndexEvent[] =
      nhsKey && match.by === 'demographics'
        ? [keyLinked(patientSubjectId, 'nhs-number'), { type: 'PatientNhsNumberLinked', data: { patientSubjectId, nhsNumber: nhsKey.value } } satisfies PatientNhsNumberLinked]
        : [];
    // The number finds one record while the demographics find another without a number: maybe one person.
    const others = match.by === 'nhs-number' ? demographicTwinsWithoutNumber(patient, candidates, patientSubjectId) : [];
    return {
      found: { patientSubjectId, registered: false, possibleDuplicatePatient: others.length > 0 ? { reason: 'nhs-number-held-by-another-record', candidates: others } : null },
      events,
    };
  }
  const registered: PatientRegistered = {
    type: 'PatientRegistered',
    data: {
      patientSubjectId: subjectIdIfNew,
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
    },
  };
  // The NHS number's key first (created once: a twin request for the same person fails there and reads again).
  const events: PatientIndexEvent[] = [...(nhsKey ? [keyLinked(subjectIdIfNew, 'nhs-number')] : []), registered, keyLinked(subjectIdIfNew, 'demographics')];
  const others = match.kind === 'ambiguous' ? match.candidates.filter((id) => id !== subjectIdIfNew) : [];
  return {
    found: { patientSubjectId: subjectIdIfNew, registered: true, possibleDuplicatePatient: others.length > 0 ? { reason: 'demographics-match-several', candidates: others } : null },
    events,
  };
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

function requireRegistered(state: PatientIndexState, patientSubjectId: string): IndexedPatient {
  const record = recordOf(state, patientSubjectId);
  if (!record.registered) throw new NotFoundError<'PATIENT_NOT_FOUND'>('PATIENT_NOT_FOUND', `No patient ${patientSubjectId} is known`, { patientSubjectId });
  return record;
}

/**
 * A merge: the duplicate's own stream says it is read as the survivor (`PatientMerged`, the authoritative fact) and
 * the survivor's lists it (`PatientDuplicateLinked`, so that its duplicates are found). Repeating a merge decides
 * nothing, unless the survivor's link is missing (a store without multi-stream transactions stopped between the two):
 * then only the link, as the merge made it.
 */
function merge(state: PatientIndexState, decision: PatientMergeDecision): PatientIndexEvent[] {
  const { survivorSubjectId: survivor, duplicateSubjectId: duplicate } = decision;
  if (survivor === duplicate) throw new PatientMergeConflictError('A record cannot be merged into itself');
  const survivorRecord = requireRegistered(state, survivor);
  const duplicateRecord = requireRegistered(state, duplicate);
  if (duplicateRecord.mergedInto === survivor) {
    const merged = duplicateRecord.lastMergeDecision ?? decision;
    return survivorRecord.linkedDuplicates[duplicate] === true ? [] : [{ type: 'PatientDuplicateLinked', data: { ...merged, attached: true } } satisfies PatientDuplicateLinked];
  }
  if (duplicateRecord.mergedInto !== null) throw new PatientMergeConflictError('The duplicate record is already merged into another record');
  if (survivorOf(state, survivor) !== survivor) throw new PatientMergeConflictError('The surviving record is itself merged into another record');
  if (duplicatesOf(state, duplicate).length > 0) throw new PatientMergeConflictError('Unmerge the records merged into the duplicate first');
  return [
    { type: 'PatientMerged', data: decision } satisfies PatientMerged,
    { type: 'PatientDuplicateLinked', data: { ...decision, attached: true } } satisfies PatientDuplicateLinked,
  ];
}

/** An unmerge: the duplicate is its own record again, and the survivor's list says so. 409 when they are not merged. */
function unmerge(state: PatientIndexState, decision: PatientMergeDecision): PatientIndexEvent[] {
  const { survivorSubjectId: survivor, duplicateSubjectId: duplicate } = decision;
  requireRegistered(state, survivor);
  const duplicateRecord = requireRegistered(state, duplicate);
  if (duplicateRecord.mergedInto !== survivor) throw new PatientMergeConflictError('These records are not merged');
  return [
    { type: 'PatientUnmerged', data: decision } satisfies PatientUnmerged,
    { type: 'PatientDuplicateLinked', data: { ...decision, attached: false } } satisfies PatientDuplicateLinked,
  ];
}

function decide(command: PatientIndexCommand, state: PatientIndexState): PatientIndexEvent[] {
  switch (command.type) {
    case 'IdentifyPatient':
      return identifyPatient(state, command.data).events;
    case 'MergePatients':
      return merge(state, command.data);
    case 'UnmergePatients':
      return unmerge(state, command.data);
    default:
      return assertNever(command, 'patient index command');
  }
}

const withRecord = (state: PatientIndexState, patientSubjectId: string, change: (record: IndexedPatient) => IndexedPatient): PatientIndexState => ({
  records: new Map(state.records).set(patientSubjectId, change(recordOf(state, patientSubjectId))),
});

function evolve(state: PatientIndexState, event: PatientIndexEvent): PatientIndexState {
  switch (event.type) {
    case 'PatientRegistered':
      return withRecord(state, event.data.patientSubjectId, (record) => ({
        ...record,
        registered: true,
        nhsNumber: event.data.nhsNumber ?? record.nhsNumber,
        demographicKey: event.data.demographicKey,
      }));
    case 'PatientNhsNumberLinked':
      // The first number linked stays the record's (as the lookup reads it).
      return withRecord(state, event.data.patientSubjectId, (record) => ({ ...record, nhsNumber: record.nhsNumber ?? event.data.nhsNumber }));
    case 'PatientMerged':
    case 'PatientUnmerged':
      return withRecord(state, event.data.duplicateSubjectId, (record) => ({
        ...record,
        mergedInto: event.type === 'PatientMerged' ? event.data.survivorSubjectId : null,
        lastMergeDecision: event.data,
      }));
    case 'PatientDuplicateLinked':
      return withRecord(state, event.data.survivorSubjectId, (record) => ({
        ...record,
        linkedDuplicates: { ...record.linkedDuplicates, [event.data.duplicateSubjectId]: event.data.attached },
      }));
    case 'PatientKeyLinked': // A key's stream finds records; what they hold is in their own streams.
    case 'PatientReferred': // The person's referrals: no identity decision depends on them.
      return state;
    default:
      return assertNever(event, 'patient index event');
  }
}

export const patientIndexDecider: Decider<PatientIndexCommand, PatientIndexEvent, PatientIndexState> = { initialState, decide, evolve };
