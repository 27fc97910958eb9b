import type { NhsNumber } from './nhs-number';
import {
  choosePatientMatch,
  demographicKey,
  matchKeysFor,
  normaliseName,
  normalisePostcode,
  type KnownPatient,
  type PatientDemographics,
} from './patient-match';

const alex: PatientDemographics = {
  nhsNumber: '943 476 5919',
  givenName: 'Alex',
  familyName: "O'Neil",
  dateOfBirth: '1990-04-01',
  postcode: 'LS1 4AP',
};
const withoutNumber: PatientDemographics = { ...alex, nhsNumber: null };
const known = (patientSubjectId: string, nhsNumber: string | null, demographics: PatientDemographics): KnownPatient => ({
  patientSubjectId,
  nhsNumber: nhsNumber as NhsNumber | null,
  demographicKey: demographicKey(demographics),
});

describe('normalising names and postcodes for matching', () => {
  it('treats accents, apostrophes, hyphens, case and spacing as the same name', () => {
    expect(normaliseName('  Zoë ')).toBe(normaliseName('zoe'));
    expect(normaliseName('O’Neil')).toBe(normaliseName("o'neil"));
    expect(normaliseName("O'Neil")).toBe(normaliseName('ONEIL'));
    expect(normaliseName('Smith-Jones')).toBe(normaliseName('smith   jones'));
  });

  it('does not treat a nickname or a different spelling as the same name', () => {
    expect(normaliseName('Bob')).not.toBe(normaliseName('Robert'));
    expect(normaliseName('Neil')).not.toBe(normaliseName('Neal'));
  });

  it('ignores case and spaces in a postcode', () => {
    expect(normalisePostcode(' ls1  4ap ')).toBe('LS14AP');
  });

  it('refuses a date of birth that is not a real calendar date written YYYY-MM-DD', () => {
    expect(() => demographicKey({ ...alex, dateOfBirth: '01/04/1990' })).toThrow(
      expect.objectContaining({ code: 'INVALID_DEMOGRAPHICS' }),
    );
    expect(() => demographicKey({ ...alex, dateOfBirth: '1990-02-30' })).toThrow(
      expect.objectContaining({ code: 'INVALID_DEMOGRAPHICS' }),
    );
  });

  it('refuses an empty name', () => {
    expect(() => demographicKey({ ...alex, givenName: " ' " })).toThrow(
      expect.objectContaining({ code: 'INVALID_DEMOGRAPHICS' }),
    );
  });
});

describe('the keys a patient is found by', () => {
  it('puts the NHS number first and demographics second', () => {
    expect(matchKeysFor(alex)).toEqual([
      { kind: 'nhs-number', value: '9434765919' },
      { kind: 'demographics', value: demographicKey(alex) },
    ]);
  });

  it('uses demographics alone when there is no NHS number', () => {
    expect(matchKeysFor(withoutNumber)).toEqual([{ kind: 'demographics', value: demographicKey(alex) }]);
  });

  it('refuses an NHS number that fails its check rather than matching on it', () => {
    expect(() => matchKeysFor({ ...alex, nhsNumber: '9434765918' })).toThrow(
      expect.objectContaining({ code: 'INVALID_DEMOGRAPHICS' }),
    );
  });
});

describe('choosing the patient a referral belongs to', () => {
  it('matches the patient holding the NHS number even when other details changed (moved house)', () => {
    const holder = known('p-1', '9434765919', { ...alex, postcode: 'M1 1AA' });
    expect(choosePatientMatch(alex, [holder])).toEqual({ kind: 'matched', patientSubjectId: 'p-1', by: 'nhs-number' });
  });

  it('matches on exact normalised name, date of birth and postcode when there is no NHS number', () => {
    const registered = known('p-2', null, { ...alex, familyName: 'ONeil', postcode: 'ls14ap' });
    expect(choosePatientMatch(withoutNumber, [registered])).toEqual({
      kind: 'matched',
      patientSubjectId: 'p-2',
      by: 'demographics',
    });
  });

  it('matches a patient registered without a number when the new referral brings one', () => {
    const registered = known('p-3', null, alex);
    expect(choosePatientMatch(alex, [registered])).toEqual({ kind: 'matched', patientSubjectId: 'p-3', by: 'demographics' });
  });

  it('never matches on demographics a patient who holds a different NHS number (twins at one address)', () => {
    const twin = known('p-4', '4000000020', alex);
    expect(choosePatientMatch(alex, [twin])).toEqual({ kind: 'new' });
  });

  it('finds no match when the date of birth differs by a day', () => {
    const other = known('p-5', null, { ...alex, dateOfBirth: '1990-04-02' });
    expect(choosePatientMatch(withoutNumber, [other])).toEqual({ kind: 'new' });
  });

  it('does not guess between two patients who match on demographics alone', () => {
    const one = known('p-7', null, alex);
    const two = known('p-6', null, alex);
    expect(choosePatientMatch(withoutNumber, [one, two])).toEqual({ kind: 'ambiguous', candidates: ['p-6', 'p-7'] });
  });
});
