import { DomainError } from '@stepwell/decider';
import { parseNhsNumber, type NhsNumber } from './nhs-number';

/**
 * Finding the one patient subject id for a person. Matching is exact on purpose: a false match files one person's
 * mental health record under another (a clinical-safety hazard), while a missed match only makes a second subject
 * id that can be merged later. So there is no fuzzy matching, no nicknames and no phonetic codes here.
 */

/** What a referral tells us about who the person is. */
export interface PatientDemographics {
  /** Optional: self-referrals often arrive without one. Plain or 3-3-4. */
  nhsNumber?: string | null;
  givenName: string;
  familyName: string;
  /** Calendar date `YYYY-MM-DD`. */
  dateOfBirth: string;
  postcode: string;
}

/** A key under which a patient can be found. */
export type PatientMatchKey =
  | { kind: 'nhs-number'; value: NhsNumber }
  | { kind: 'demographics'; value: string };

export class InvalidDemographicsError extends DomainError {
  constructor(field: keyof PatientDemographics, why: string) {
    super('INVALID_DEMOGRAPHICS', `${field}: ${why}`, { field });
  }
}

/**
 * A name, normalised so that the same name typed by two systems compares equal:
 * Unicode compatibility-decomposed (NFKD) with combining marks removed (`Zoë` = `Zoe`, many systems drop accents);
 * apostrophes of any kind removed (`O’Neil` = `O'Neil` = `ONeil`); hyphens, dots and runs of whitespace turned into
 * one space (`Smith-Jones` = `Smith Jones`); trimmed; lower case without locale rules.
 * Titles, initials and nicknames are left alone: `Bob` is not `Robert`.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['\u2018\u2019\u02BC`\u00B4]/g, '')
    .replace(/[-\u2010-\u2015.\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A UK postcode, upper case with all spaces removed (`sw1a 1aa` = `SW1A1AA`). Not checked against a register. */
export function normalisePostcode(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` that names a real calendar day; anything else is refused rather than guessed (`01/02/1990`). */
export function normaliseDateOfBirth(dateOfBirth: string): string {
  const trimmed = dateOfBirth.trim();
  const match = ISO_DATE.exec(trimmed);
  if (!match) throw new InvalidDemographicsError('dateOfBirth', 'must be a date written YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InvalidDemographicsError('dateOfBirth', 'is not a calendar date');
  }
  return trimmed;
}

/** The demographic key: normalised family name, given name, date of birth and postcode, all four required. */
export function demographicKey(demographics: PatientDemographics): string {
  const family = normaliseName(demographics.familyName);
  const given = normaliseName(demographics.givenName);
  const postcode = normalisePostcode(demographics.postcode);
  if (!family) throw new InvalidDemographicsError('familyName', 'is empty');
  if (!given) throw new InvalidDemographicsError('givenName', 'is empty');
  if (!postcode) throw new InvalidDemographicsError('postcode', 'is empty');
  // A JSON array, so that no character in a name can make two different sets of parts read the same.
  return JSON.stringify([family, given, normaliseDateOfBirth(demographics.dateOfBirth), postcode]);
}

/**
 * The keys to look a person up by, most trusted first: the NHS number when there is one, then demographics.
 * An NHS number that fails its check is refused: matching on a mistyped number would find someone else.
 */
export function matchKeysFor(demographics: PatientDemographics): PatientMatchKey[] {
  const keys: PatientMatchKey[] = [];
  const raw = demographics.nhsNumber?.trim();
  if (raw) {
    const parsed = parseNhsNumber(raw);
    if (!parsed.ok) throw new InvalidDemographicsError('nhsNumber', `is not a valid NHS number (${parsed.problem})`);
    keys.push({ kind: 'nhs-number', value: parsed.nhsNumber });
  }
  keys.push({ kind: 'demographics', value: demographicKey(demographics) });
  return keys;
}

/** A patient already known to the service, as the identity index holds them. */
export interface KnownPatient {
  patientSubjectId: string;
  nhsNumber: NhsNumber | null;
  /** As made by `demographicKey` when the patient was last registered or updated. */
  demographicKey: string;
}

export type PatientMatch =
  | { kind: 'matched'; patientSubjectId: string; by: 'nhs-number' | 'demographics' }
  /** Nobody matches: the caller mints a new subject id. */
  | { kind: 'new' }
  /** More than one person matches on demographics alone: never guess, a person resolves it. */
  | { kind: 'ambiguous'; candidates: string[] };

/**
 * Chooses the patient a referral belongs to, from the candidates the index returned for its keys.
 * 1. With an NHS number, the patient holding that number is the match.
 * 2. Otherwise (no number, or a number nobody holds yet) an exact demographic match counts, but never a
 *    patient who holds a *different* NHS number: that is another person who shares a name, birthday and postcode
 *    (twins at home).
 */
export function choosePatientMatch(demographics: PatientDemographics, candidates: readonly KnownPatient[]): PatientMatch {
  const keys = matchKeysFor(demographics);
  const nhsKey = keys.find((key) => key.kind === 'nhs-number');
  if (nhsKey) {
    const holder = candidates.find((candidate) => candidate.nhsNumber === nhsKey.value);
    if (holder) return { kind: 'matched', patientSubjectId: holder.patientSubjectId, by: 'nhs-number' };
  }
  const key = demographicKey(demographics);
  const byDemographics = unique(
    candidates
      .filter((candidate) => candidate.demographicKey === key)
      .filter((candidate) => !nhsKey || candidate.nhsNumber === null)
      .map((candidate) => candidate.patientSubjectId),
  );
  const [only, ...others] = byDemographics;
  if (only === undefined) return { kind: 'new' };
  if (others.length === 0) return { kind: 'matched', patientSubjectId: only, by: 'demographics' };
  return { kind: 'ambiguous', candidates: byDemographics.sort() };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
