import { fold, NotFoundError } from '@stepwell/decider';
import { givenFor } from '@stepwell/decider/testing';
import { demographicKey, matchKeysFor } from '../patient-identity';
import {
  duplicatesOf,
  findPatient,
  identifyPatient,
  MAX_MERGE_CHAIN,
  PatientMergeConflictError,
  patientIndexDecider,
  survivorOf,
  type PatientToFind,
} from './patient-index.decider';
import {
  patientIndexStreamOf,
  patientKeyStreamId,
  patientStreamId,
  type PatientIndexEvent,
  type PatientMergeDecision,
  type PatientRegistered,
} from './patient.events';

const given = givenFor(patientIndexDecider);
const stateOf = (history: readonly PatientIndexEvent[]) => fold(patientIndexDecider, history);

// Valid (Modulus 11) NHS numbers, none of the 999 test range.
const NUMBER = '4857773457';
const OTHER_NUMBER = '4010232137';

const alex: PatientToFind = {
  nhsNumber: null,
  givenName: 'Alex',
  familyName: "O'Neil",
  dateOfBirth: '1990-04-01',
  postcode: 'LS1 4AP',
  phone: '07700 900123',
  email: null,
  preferredLanguage: null,
  interpreterNeeded: false,
};
const withNumber = (nhsNumber: string, patient: PatientToFind = alex): PatientToFind => ({ ...patient, nhsNumber });
const movedHouse: PatientToFind = { ...alex, postcode: 'M1 1AE' };

/** A record as the index registers it (the data `IdentifyPatient` writes). */
function registered(patientSubjectId: string, patient: PatientToFind): PatientRegistered {
  return {
    type: 'PatientRegistered',
    data: {
      patientSubjectId,
      nhsNumber: patient.nhsNumber ?? null,
      givenName: patient.givenName,
      familyName: patient.familyName,
      dateOfBirth: patient.dateOfBirth,
      postcode: patient.postcode,
      phone: patient.phone,
      email: patient.email,
      preferredLanguage: patient.preferredLanguage,
      interpreterNeeded: patient.interpreterNeeded,
      demographicKey: demographicKey(patient),
    },
  };
}

const identify = (patient: PatientToFind, subjectIdIfNew = 'new-record') => ({ type: 'IdentifyPatient' as const, data: { patient, subjectIdIfNew } });
const keyLinked = (patientSubjectId: string, kind: 'nhs-number' | 'demographics'): PatientIndexEvent => ({ type: 'PatientKeyLinked', data: { patientSubjectId, kind } });

const decision = (survivorSubjectId: string, duplicateSubjectId: string, reason = 'same person: traced on PDS'): PatientMergeDecision => ({
  survivorSubjectId,
  duplicateSubjectId,
  reason,
  decidedAt: '2020-01-02T10:00:00.000Z',
  decidedByOrganisation: 'RXT01',
});
const mergeCommand = (survivor: string, duplicate: string) => ({ type: 'MergePatients' as const, data: decision(survivor, duplicate) });
const unmergeCommand = (survivor: string, duplicate: string) => ({ type: 'UnmergePatients' as const, data: decision(survivor, duplicate, 'two people after all') });
const merged = (survivor: string, duplicate: string): PatientIndexEvent[] => [
  { type: 'PatientMerged', data: decision(survivor, duplicate) },
  { type: 'PatientDuplicateLinked', data: { ...decision(survivor, duplicate), attached: true } },
];
const unmerged = (survivor: string, duplicate: string): PatientIndexEvent[] => [
  { type: 'PatientUnmerged', data: decision(survivor, duplicate, 'two people after all') },
  { type: 'PatientDuplicateLinked', data: { ...decision(survivor, duplicate, 'two people after all'), attached: false } },
];

describe('patient index decider: identifying the person of a referral', () => {
  it('registers a person nobody matches: the NHS number key (created once) first, the registration, then the demographic key', () => {
    const command = identify(withNumber(NUMBER));
    given([]).when(command).then([keyLinked('new-record', 'nhs-number'), registered('new-record', withNumber(NUMBER)), keyLinked('new-record', 'demographics')]);
    expect(identifyPatient(stateOf([]), command.data).found).toEqual({ patientSubjectId: 'new-record', registered: true, possibleDuplicatePatient: null });
  });

  it('registers a person without an NHS number under their demographic key only, with their details trimmed', () => {
    const padded = { ...alex, givenName: '  Alex ', postcode: ' LS1 4AP ' };
    given([]).when(identify(padded)).then([registered('new-record', alex), keyLinked('new-record', 'demographics')]);
  });

  it('finds a person by their NHS number after a change of address, writing nothing', () => {
    const history = [registered('p-1', withNumber(NUMBER))];
    const command = identify(withNumber(NUMBER, movedHouse));
    given(history).when(command).then([]);
    expect(identifyPatient(stateOf(history), command.data).found).toEqual({ patientSubjectId: 'p-1', registered: false, possibleDuplicatePatient: null });
  });

  it('finds a person by name, date of birth and postcode when the referral has no NHS number, writing nothing', () => {
    const history = [registered('p-1', alex)];
    given(history).when(identify(alex)).then([]);
    expect(findPatient(stateOf(history), alex)).toBe('p-1');
  });

  it('finds a person matched on demographics who now comes with an NHS number, and links the number to them (key created once, number in their stream)', () => {
    const history = [registered('p-1', alex)];
    const command = identify(withNumber(NUMBER));
    given(history).when(command).then([keyLinked('p-1', 'nhs-number'), { type: 'PatientNhsNumberLinked', data: { patientSubjectId: 'p-1', nhsNumber: NUMBER } }]);
    expect(identifyPatient(stateOf(history), command.data).found).toEqual({ patientSubjectId: 'p-1', registered: false, possibleDuplicatePatient: null });
  });

  it('from then on finds the record by the linked number, even at a new address (H-W1)', () => {
    const history: PatientIndexEvent[] = [registered('p-1', alex), { type: 'PatientNhsNumberLinked', data: { patientSubjectId: 'p-1', nhsNumber: NUMBER } }];
    given(history).when(identify(withNumber(NUMBER, movedHouse))).then([]);
    expect(findPatient(stateOf(history), withNumber(NUMBER, movedHouse))).toBe('p-1');
  });

  it('keeps the first NHS number linked to a record', () => {
    const history: PatientIndexEvent[] = [
      registered('p-1', alex),
      { type: 'PatientNhsNumberLinked', data: { patientSubjectId: 'p-1', nhsNumber: NUMBER } },
      { type: 'PatientNhsNumberLinked', data: { patientSubjectId: 'p-1', nhsNumber: OTHER_NUMBER } },
    ];
    expect(stateOf(history).records.get('p-1')?.nhsNumber).toBe(NUMBER);
  });

  it('never matches a record holding another NHS number on demographics: a twin at the same address gets a record of their own', () => {
    const history = [registered('p-1', withNumber(OTHER_NUMBER))];
    const command = identify(withNumber(NUMBER));
    given(history).when(command).then([keyLinked('new-record', 'nhs-number'), registered('new-record', withNumber(NUMBER)), keyLinked('new-record', 'demographics')]);
    expect(identifyPatient(stateOf(history), command.data).found.possibleDuplicatePatient).toBeNull();
  });

  it('registers a new record rather than guess when the demographics match several records, marking both as possible duplicates (sorted)', () => {
    const history = [registered('p-2', withNumber(OTHER_NUMBER)), registered('p-1', withNumber(NUMBER))];
    const command = identify(alex);
    given(history).when(command).then([registered('new-record', alex), keyLinked('new-record', 'demographics')]);
    expect(identifyPatient(stateOf(history), command.data).found).toEqual({
      patientSubjectId: 'new-record',
      registered: true,
      possibleDuplicatePatient: { reason: 'demographics-match-several', candidates: ['p-1', 'p-2'] },
    });
    expect(findPatient(stateOf(history), alex)).toBeNull();
  });

  it('finds the holder of the NHS number while the demographics match another record without a number, and marks that record (never merged silently)', () => {
    const history = [registered('p-number', withNumber(NUMBER, movedHouse)), registered('p-demographics', alex)];
    const command = identify(withNumber(NUMBER));
    given(history).when(command).then([]);
    expect(identifyPatient(stateOf(history), command.data).found).toEqual({
      patientSubjectId: 'p-number',
      registered: false,
      possibleDuplicatePatient: { reason: 'nhs-number-held-by-another-record', candidates: ['p-demographics'] },
    });
  });

  it('does not mark a record holding another NHS number as a possible duplicate of the number’s holder', () => {
    const history = [registered('p-number', withNumber(NUMBER, movedHouse)), registered('p-twin', withNumber(OTHER_NUMBER))];
    expect(identifyPatient(stateOf(history), identify(withNumber(NUMBER)).data).found.possibleDuplicatePatient).toBeNull();
  });

  it('finds the record this request registered already (a retry after a conflict) instead of registering it twice', () => {
    const history = [registered('new-record', withNumber(NUMBER))];
    given(history).when(identify(withNumber(NUMBER))).then([]);
    expect(identifyPatient(stateOf(history), identify(withNumber(NUMBER)).data).found.registered).toBe(false);
  });

  it('finds a merged record as the record it was merged into', () => {
    const history = [registered('survivor', withNumber(NUMBER, movedHouse)), registered('duplicate', alex), ...merged('survivor', 'duplicate')];
    given(history).when(identify(alex)).then([]);
    expect(findPatient(stateOf(history), alex)).toBe('survivor');
    // After the unmerge the duplicate is found as itself again.
    expect(findPatient(stateOf([...history, ...unmerged('survivor', 'duplicate')]), alex)).toBe('duplicate');
  });

  it('follows a chain of merges (concurrent merges can make one) to its end, and no further than MAX_MERGE_CHAIN merges', () => {
    const ids = Array.from({ length: MAX_MERGE_CHAIN + 3 }, (_, index) => `r-${String(index).padStart(2, '0')}`);
    const chain: PatientIndexEvent[] = ids.flatMap((id, index) => [registered(id, index === 0 ? alex : { ...alex, givenName: `Other ${index}` })]);
    for (let index = 0; index + 1 < ids.length; index++) chain.push(...merged(ids[index + 1]!, ids[index]!));
    const state = stateOf(chain);
    expect(survivorOf(state, ids[0]!)).toBe(ids[MAX_MERGE_CHAIN]);
    expect(survivorOf(state, ids[3]!)).toBe(ids[ids.length - 1]);
    expect(findPatient(state, alex)).toBe(ids[MAX_MERGE_CHAIN]);
    // A record nothing is known of is read as itself.
    expect(survivorOf(state, 'unknown')).toBe('unknown');
  });

  it('names each event’s stream: keys in their key streams, merges in the duplicate’s, the link in the survivor’s', () => {
    const keys = matchKeysFor(withNumber(NUMBER));
    expect(patientIndexStreamOf(keyLinked('p-1', 'nhs-number'), keys)).toBe(patientKeyStreamId({ kind: 'nhs-number', value: NUMBER as never }));
    expect(patientIndexStreamOf(keyLinked('p-1', 'demographics'), keys)).toBe(patientKeyStreamId({ kind: 'demographics', value: demographicKey(alex) }));
    expect(() => patientIndexStreamOf(keyLinked('p-1', 'nhs-number'), matchKeysFor(alex))).toThrow('without the key');
    const [merge, link] = merged('survivor', 'duplicate');
    expect(patientIndexStreamOf(merge!)).toBe(patientStreamId('duplicate'));
    expect(patientIndexStreamOf(link!)).toBe(patientStreamId('survivor'));
    expect(patientIndexStreamOf(registered('p-1', alex))).toBe(patientStreamId('p-1'));
  });
});

describe('patient index decider: merging and unmerging records (H-W2)', () => {
  const both = [registered('survivor', withNumber(NUMBER, movedHouse)), registered('duplicate', alex)];

  it('merges: the duplicate’s stream says it is read as the survivor, the survivor’s lists it', () => {
    given(both).when(mergeCommand('survivor', 'duplicate')).then(merged('survivor', 'duplicate'));
  });

  it('writes nothing when the same merge is repeated', () => {
    given([...both, ...merged('survivor', 'duplicate')]).when(mergeCommand('survivor', 'duplicate')).then([]);
  });

  it('completes only the survivor’s link, as the merge made it, when a store without multi-stream transactions stopped before it', () => {
    const [mergedEvent] = merged('survivor', 'duplicate');
    const retried = { type: 'MergePatients' as const, data: { ...decision('survivor', 'duplicate', 'asked again'), decidedAt: '2020-01-03T09:00:00.000Z' } };
    given([...both, mergedEvent!]).when(retried).then([{ type: 'PatientDuplicateLinked', data: { ...decision('survivor', 'duplicate'), attached: true } }]);
  });

  it('refuses to merge a record into itself', () => {
    given(both).when(mergeCommand('survivor', 'survivor')).thenThrows(PatientMergeConflictError);
  });

  it('refuses records the index does not know (404 PATIENT_NOT_FOUND), survivor or duplicate', () => {
    given(both).when(mergeCommand('nobody', 'duplicate')).thenThrows((error) => error instanceof NotFoundError && error.code === 'PATIENT_NOT_FOUND' && error.details['patientSubjectId'] === 'nobody');
    given(both).when(mergeCommand('survivor', 'nobody')).thenThrows('PATIENT_NOT_FOUND');
    given(both).when(unmergeCommand('survivor', 'nobody')).thenThrows('PATIENT_NOT_FOUND');
    // Events about a record that was never registered do not make it known.
    given([registered('survivor', alex), ...merged('elsewhere', 'ghost')]).when(mergeCommand('survivor', 'ghost')).thenThrows('PATIENT_NOT_FOUND');
  });

  it('refuses a duplicate already merged into another record', () => {
    const history = [...both, registered('other', withNumber(OTHER_NUMBER)), ...merged('other', 'duplicate')];
    given(history).when(mergeCommand('survivor', 'duplicate')).thenThrows((error) => error instanceof PatientMergeConflictError && /already merged into another/.test(error.message));
  });

  it('refuses a survivor that is itself merged into another record (no chains by decision)', () => {
    const history = [...both, registered('other', withNumber(OTHER_NUMBER)), ...merged('other', 'survivor')];
    given(history).when(mergeCommand('survivor', 'duplicate')).thenThrows((error) => error instanceof PatientMergeConflictError && /itself merged/.test(error.message));
  });

  it('refuses a duplicate that others are merged into until they are unmerged; a record merged and unmerged again does not count', () => {
    const history = [...both, registered('third', withNumber(OTHER_NUMBER)), ...merged('duplicate', 'third')];
    given(history).when(mergeCommand('survivor', 'duplicate')).thenThrows((error) => error instanceof PatientMergeConflictError && /Unmerge the records merged into the duplicate/.test(error.message));
    expect(duplicatesOf(stateOf(history), 'duplicate')).toEqual(['third']);
    const separated = [...history, ...unmerged('duplicate', 'third')];
    expect(duplicatesOf(stateOf(separated), 'duplicate')).toEqual([]);
    given(separated).when(mergeCommand('survivor', 'duplicate')).then(merged('survivor', 'duplicate'));
  });

  it('lists as duplicates only the records whose own stream says they are merged into this one', () => {
    // The survivor's list names a record that its own stream says is merged elsewhere now: not a duplicate of it.
    const history = [...both, registered('other', withNumber(OTHER_NUMBER)), ...merged('survivor', 'duplicate'), { type: 'PatientUnmerged', data: decision('survivor', 'duplicate') } as PatientIndexEvent, ...merged('other', 'duplicate')];
    expect(duplicatesOf(stateOf(history), 'survivor')).toEqual([]);
    expect(duplicatesOf(stateOf(history), 'other')).toEqual(['duplicate']);
  });

  it('unmerges merged records: the duplicate is its own record again and the survivor’s list says so', () => {
    given([...both, ...merged('survivor', 'duplicate')]).when(unmergeCommand('survivor', 'duplicate')).then(unmerged('survivor', 'duplicate'));
    const state = stateOf([...both, ...merged('survivor', 'duplicate'), ...unmerged('survivor', 'duplicate')]);
    expect(survivorOf(state, 'duplicate')).toBe('duplicate');
    expect(duplicatesOf(state, 'survivor')).toEqual([]);
  });

  it('refuses to unmerge records that are not merged, or merged the other way or into another record (409)', () => {
    given(both).when(unmergeCommand('survivor', 'duplicate')).thenThrows(PatientMergeConflictError);
    given([...both, ...merged('duplicate', 'survivor')]).when(unmergeCommand('survivor', 'duplicate')).thenThrows(PatientMergeConflictError);
    given([...both, ...merged('survivor', 'duplicate'), ...unmerged('survivor', 'duplicate')]).when(unmergeCommand('survivor', 'duplicate')).thenThrows(PatientMergeConflictError);
    given([...both, registered('other', withNumber(OTHER_NUMBER)), ...merged('other', 'duplicate')]).when(unmergeCommand('survivor', 'duplicate')).thenThrows(PatientMergeConflictError);
  });

  it('merges again after an unmerge', () => {
    given([...both, ...merged('survivor', 'duplicate'), ...unmerged('survivor', 'duplicate')]).when(mergeCommand('survivor', 'duplicate')).then(merged('survivor', 'duplicate'));
  });
});
