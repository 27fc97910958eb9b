/**
 * NHS number: 10 digits, the last a Modulus 11 check digit, shown 3-3-4 (`943 476 5919`).
 * A branded string so that only a checked number can be passed where an NHS number is expected.
 */
export type NhsNumber = string & { readonly __brand: 'NhsNumber' };

/** Why a string is not an NHS number. */
export type NhsNumberProblem =
  /** Not 10 digits, written either plain or grouped 3-3-4 with single spaces. */
  | 'FORMAT'
  /** `11 − (sum mod 11)` is 10: no number with these first nine digits is ever issued. */
  | 'CHECK_DIGIT_IMPOSSIBLE'
  /** The tenth digit is not the check digit of the first nine (a mistyped or transposed digit). */
  | 'CHECK_DIGIT_MISMATCH';

export type NhsNumberParse =
  | { ok: true; nhsNumber: NhsNumber; isTestRange: boolean }
  | { ok: false; problem: NhsNumberProblem };

// The two ways people and systems write it. Other separators or groupings are refused rather than stripped: a
// string like `01234-567890` is more likely a phone number than an NHS number.
const PLAIN = /^\d{10}$/;
const GROUPED = /^\d{3} \d{3} \d{4}$/;

/**
 * The Modulus 11 check digit of the first nine digits: digits 1–9 weighted 10 down to 2, summed,
 * `11 − (sum mod 11)`; 11 means 0; 10 means no valid number exists (returns null).
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('nhsNumberCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Parses `9434765919` or `943 476 5919` (surrounding whitespace ignored). */
export function parseNhsNumber(input: string): NhsNumberParse {
  const trimmed = input.trim();
  if (!PLAIN.test(trimmed) && !GROUPED.test(trimmed)) return { ok: false, problem: 'FORMAT' };
  const digits = trimmed.replace(/ /g, '');
  const check = nhsNumberCheckDigit(digits.slice(0, 9));
  if (check === null) return { ok: false, problem: 'CHECK_DIGIT_IMPOSSIBLE' };
  if (check !== Number(digits[9])) return { ok: false, problem: 'CHECK_DIGIT_MISMATCH' };
  return { ok: true, nhsNumber: digits as NhsNumber, isTestRange: isTestRangeNhsNumber(digits as NhsNumber) };
}

export function isValidNhsNumber(input: string): boolean {
  return parseNhsNumber(input).ok;
}

/** `943 476 5919`. */
export function formatNhsNumber(nhsNumber: NhsNumber): string {
  return `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
}

/**
 * 999 000 0000 – 999 999 9999 is reserved for testing and never issued to a person: a referral carrying one in
 * production is a test record or a mistake, and the caller decides which (flag, never silently accept).
 */
export function isTestRangeNhsNumber(nhsNumber: NhsNumber): boolean {
  return nhsNumber.startsWith('999');
}

/**
 * NHS Number Status Indicator codes (NHS Data Dictionary): how far the number has been verified against the
 * national spine (PDS). A self-referral often arrives with none (07 or 03).
 */
export const NHS_NUMBER_VERIFICATION_STATUSES = {
  '01': 'Number present and verified',
  '02': 'Number present but not traced',
  '03': 'Trace required',
  '04': 'Trace attempted - no match or multiple match found',
  '05': 'Trace needs to be resolved (NHS number or patient detail conflict)',
  '06': 'Trace in progress',
  '07': 'Number not present and trace not required',
  '08': 'Trace postponed (baby under six weeks old)',
} as const;
export type NhsNumberVerificationStatus = keyof typeof NHS_NUMBER_VERIFICATION_STATUSES;
export const NHS_NUMBER_VERIFICATION_STATUS_CODES = Object.keys(
  NHS_NUMBER_VERIFICATION_STATUSES,
) as readonly NhsNumberVerificationStatus[];

export function isNhsNumberVerificationStatus(value: unknown): value is NhsNumberVerificationStatus {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NHS_NUMBER_VERIFICATION_STATUSES, value);
}
