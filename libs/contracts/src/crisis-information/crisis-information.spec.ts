import { CRISIS_INFORMATION } from './crisis-information';

describe('crisis information (issue 12 item 10, hazard H-R4)', () => {
  it('names NHS 111 option 2, Samaritans 116 123 and 999, and carries its version', () => {
    expect(CRISIS_INFORMATION.version).toMatch(/^crisis-information\/\d+$/);
    expect(CRISIS_INFORMATION.contacts.map((c) => [c.code, c.telephone])).toEqual([
      ['nhs-111-mental-health', '111, then option 2'],
      ['samaritans', '116 123'],
      ['emergency-999', '999'],
    ]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CRISIS_INFORMATION)).toBe(true);
    expect(Object.isFrozen(CRISIS_INFORMATION.contacts[0])).toBe(true);
  });
});
