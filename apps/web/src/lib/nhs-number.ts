/**
 * The NHS number check as a person types: ten digits whose last is the Modulus 11 check digit of the first nine
 * (NHS Data Dictionary, "NHS Number": weights 10 down to 2; 11 − (sum mod 11); 11 → 0; 10 → not a valid number).
 * The referrals service applies the same rule (and refuses the 999 test range outside test organisations); this
 * is only the early warning, never the authority.
 */
export type NhsNumberCheck =
  | { state: 'empty' }
  | { state: 'typing'; digits: string }
  | { state: 'valid'; digits: string; formatted: string }
  | { state: 'invalid'; message: string };

/** "943 476 5919": the spacing the NHS uses when it prints a number (3-3-4). */
export const formatNhsNumber = (digits: string): string => `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;

/** The check digit of nine digits, or null when none exists (the remainder gives 10). */
export function modulus11CheckDigit(nine: string): number | null {
  const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/** `complete`: the person has finished typing (left the field or submitted), so a short number is an error. */
export function checkNhsNumber(input: string, complete = false): NhsNumberCheck {
  const digits = input.replace(/[\s-]/g, '');
  if (digits === '') return { state: 'empty' };
  if (!/^\d+$/.test(digits)) return { state: 'invalid', message: 'NHS number must contain only numbers' };
  if (digits.length > 10) return { state: 'invalid', message: 'NHS number must be 10 digits' };
  if (digits.length < 10) {
    return complete ? { state: 'invalid', message: 'NHS number must be 10 digits' } : { state: 'typing', digits };
  }
  const expected = modulus11CheckDigit(digits.slice(0, 9));
  if (expected === null || expected !== Number(digits[9])) {
    return { state: 'invalid', message: 'Enter a valid NHS number: check each digit (the last one is a check digit)' };
  }
  return { state: 'valid', digits, formatted: formatNhsNumber(digits) };
}
