import { addYears, RETENTION_SCHEDULE, retentionEndsOn } from './retention-schedule';

const rule = RETENTION_SCHEDULE['mental-health'];

describe('the retention schedule', () => {
  it('keeps a mental health record 20 years after the last contact and 10 years after death, as the Code of Practice says', () => {
    expect(rule).toMatchObject({ afterLastContactYears: 20, afterDeathYears: 10 });
    expect(rule.source).toContain('Records Management Code of Practice');
  });

  it('adds whole calendar years, moving 29 February to 1 March in a common year (never earlier)', () => {
    expect(addYears('2006-05-31', 20)).toBe('2026-05-31');
    expect(addYears('2024-02-29', 20)).toBe('2044-02-29');
    expect(addYears('2024-02-29', 10)).toBe('2034-03-01');
    expect(() => addYears('31/05/2006', 1)).toThrow(RangeError);
  });

  it('ends 20 years after the last contact for a living person', () => {
    expect(retentionEndsOn(rule, { lastContactOn: '2010-03-15', diedOn: null, extendedUntil: null })).toEqual({ endsOn: '2030-03-15', basis: 'last-contact' });
  });

  it('takes the later of the two dates when the person died: death + 10 when it falls after last contact + 20', () => {
    // Last contact 2010, died 2025: 2030 vs 2035 → 2035.
    expect(retentionEndsOn(rule, { lastContactOn: '2010-03-15', diedOn: '2025-07-01', extendedUntil: null })).toEqual({ endsOn: '2035-07-01', basis: 'death' });
    // Died soon after the last contact: 2030 vs 2020 → 2030.
    expect(retentionEndsOn(rule, { lastContactOn: '2010-03-15', diedOn: '2010-04-01', extendedUntil: null })).toEqual({ endsOn: '2030-03-15', basis: 'last-contact' });
  });

  it('is on the boundary exactly: death + 10 on the same day as last contact + 20 keeps the last-contact basis', () => {
    expect(retentionEndsOn(rule, { lastContactOn: '2010-03-15', diedOn: '2020-03-15', extendedUntil: null })).toEqual({ endsOn: '2030-03-15', basis: 'last-contact' });
  });

  it('never ends before a reviewer’s extension, and an extension earlier than the period changes nothing', () => {
    expect(retentionEndsOn(rule, { lastContactOn: '2000-01-01', diedOn: null, extendedUntil: '2031-01-01' })).toEqual({ endsOn: '2031-01-01', basis: 'extension' });
    expect(retentionEndsOn(rule, { lastContactOn: '2010-01-01', diedOn: null, extendedUntil: '2025-01-01' })).toEqual({ endsOn: '2030-01-01', basis: 'last-contact' });
  });
});
