import {
  NHS_NUMBER_VERIFICATION_STATUS_CODES,
  formatNhsNumber,
  isNhsNumberVerificationStatus,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  parseNhsNumber,
} from './nhs-number';

describe('an NHS number', () => {
  it('accepts 943 476 5919 written plain or grouped 3-3-4', () => {
    expect(parseNhsNumber('9434765919')).toEqual({ ok: true, nhsNumber: '9434765919', isTestRange: false });
    expect(parseNhsNumber('943 476 5919')).toEqual({ ok: true, nhsNumber: '9434765919', isTestRange: false });
    expect(parseNhsNumber('  943 476 5919 ')).toEqual({ ok: true, nhsNumber: '9434765919', isTestRange: false });
  });

  it('refuses a number whose tenth digit is not the Modulus 11 check digit', () => {
    expect(parseNhsNumber('9434765918')).toEqual({ ok: false, problem: 'CHECK_DIGIT_MISMATCH' });
    expect(parseNhsNumber('9434765991')).toEqual({ ok: false, problem: 'CHECK_DIGIT_MISMATCH' });
    // A transposition of two neighbouring digits is caught.
    expect(parseNhsNumber('4934765919')).toEqual({ ok: false, problem: 'CHECK_DIGIT_MISMATCH' });
  });

  it('refuses every number whose first nine digits give a check result of 10, whatever its last digit', () => {
    expect(nhsNumberCheckDigit('123456789')).toBeNull();
    for (let last = 0; last <= 9; last++) {
      expect(parseNhsNumber(`123456789${last}`)).toEqual({ ok: false, problem: 'CHECK_DIGIT_IMPOSSIBLE' });
    }
  });

  it('takes a check result of 11 as the check digit 0', () => {
    // 4×10 + 2×2 = 44, a multiple of 11.
    expect(nhsNumberCheckDigit('400000002')).toBe(0);
    expect(isValidNhsNumber('4000000020')).toBe(true);
    expect(isValidNhsNumber('4000000021')).toBe(false);
  });

  it('computes the check digit as 11 minus the weighted sum modulo 11', () => {
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    expect(nhsNumberCheckDigit('943476591')).toBe(9);
  });

  it('refuses anything but ten digits plain or grouped 3-3-4', () => {
    for (const input of ['', '943476591', '94347659190', '943-476-5919', '9434 765 919', '943  476 5919', '94347659l9']) {
      expect(parseNhsNumber(input)).toEqual({ ok: false, problem: 'FORMAT' });
    }
  });

  it('flags a valid number in the 999 test range as a test number', () => {
    expect(parseNhsNumber('999 000 0018')).toEqual({ ok: true, nhsNumber: '9990000018', isTestRange: true });
  });

  it('formats a parsed number 3-3-4', () => {
    const parsed = parseNhsNumber('9434765919');
    if (!parsed.ok) throw new Error('expected a valid number');
    expect(formatNhsNumber(parsed.nhsNumber)).toBe('943 476 5919');
  });

  it('knows the verification status codes 01 to 08 and no others', () => {
    expect(NHS_NUMBER_VERIFICATION_STATUS_CODES).toEqual(['01', '02', '03', '04', '05', '06', '07', '08']);
    expect(isNhsNumberVerificationStatus('01')).toBe(true);
    expect(isNhsNumberVerificationStatus('09')).toBe(false);
    expect(isNhsNumberVerificationStatus('1')).toBe(false);
  });
});
