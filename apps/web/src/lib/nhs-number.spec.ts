import { describe, expect, it } from 'vitest';
import { checkNhsNumber, modulus11CheckDigit } from './nhs-number';

describe('the NHS number check as a person types (Modulus 11)', () => {
  it('accepts a number whose last digit is the Modulus 11 check digit, spaced or not, and formats it 3-3-4', () => {
    expect(checkNhsNumber('9434765919')).toEqual({ state: 'valid', digits: '9434765919', formatted: '943 476 5919' });
    expect(checkNhsNumber('943 476 5919')).toMatchObject({ state: 'valid', digits: '9434765919' });
    expect(checkNhsNumber('943-476-5919')).toMatchObject({ state: 'valid', digits: '9434765919' });
  });

  it('refuses a wrong check digit and a number whose check digit would be 10', () => {
    expect(checkNhsNumber('9434765918')).toMatchObject({ state: 'invalid' });
    // 1000000 06: 1×10 + 6×2 = 22, remainder 0 → check 11 → 0; 100000001: 10 + 2 = 12 → 11 − 1 = 10: no valid number.
    expect(modulus11CheckDigit('100000006')).toBe(0);
    expect(modulus11CheckDigit('100000001')).toBeNull();
    expect(checkNhsNumber('1000000010')).toMatchObject({ state: 'invalid' });
  });

  it('says nothing while fewer than ten digits are typed, and "10 digits" once the person has finished', () => {
    expect(checkNhsNumber('943476')).toEqual({ state: 'typing', digits: '943476' });
    expect(checkNhsNumber('943476', true)).toEqual({ state: 'invalid', message: 'NHS number must be 10 digits' });
    expect(checkNhsNumber('94347659190')).toEqual({ state: 'invalid', message: 'NHS number must be 10 digits' });
  });

  it('refuses letters at once and treats an empty field as not given (the number is optional)', () => {
    expect(checkNhsNumber('94347a')).toEqual({ state: 'invalid', message: 'NHS number must contain only numbers' });
    expect(checkNhsNumber('  ')).toEqual({ state: 'empty' });
  });

  it('agrees with the check digit of every number in a run of the 999 test range', () => {
    for (let serial = 0; serial < 200; serial++) {
      const nine = `999${String(serial).padStart(6, '0')}`;
      const check = modulus11CheckDigit(nine);
      for (let last = 0; last <= 9; last++) {
        expect(checkNhsNumber(`${nine}${last}`).state).toBe(check === last ? 'valid' : 'invalid');
      }
    }
  });
});
