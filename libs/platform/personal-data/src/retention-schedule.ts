/**
 * How long a record class is kept (issue 15 item 3), as data. The source is NHS England's *Records Management Code of
 * Practice 2023*, Appendix II (retention schedule), "Mental health records": kept 20 years after the last contact
 * with any health or care professional of the provider, or 10 years after the person's death. The Code's wording of
 * how the two combine ("…or 10 years after death if sooner") is read two ways; Stepwell keeps the record until the
 * LATER of the two dates (as the issue and ../shared/DOMAIN.md state it), so that no reading of the Code destroys a
 * record earlier than Stepwell does, and destruction always waits for a person's review (hazard H-RT1).
 */
export interface RetentionRule {
  /** The class of record as the Code names it. */
  recordClass: string;
  /** Years after the last contact. */
  afterLastContactYears: number;
  /** Years after the person's death, when known. */
  afterDeathYears: number;
  /** Where the periods come from, for the README and the review screen. */
  source: string;
}

export const RETENTION_SCHEDULE = {
  'mental-health': {
    recordClass: 'mental-health',
    afterLastContactYears: 20,
    afterDeathYears: 10,
    source: 'NHS England, Records Management Code of Practice 2023, Appendix II: mental health records (20 years after last contact; 10 years after death)',
  },
} as const satisfies Record<string, RetentionRule>;
export type RecordClass = keyof typeof RETENTION_SCHEDULE;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (YYYY-MM-DD) `years` later. 29 February moves to 1 March in a year that has none: the later of the
 * two candidate days, so a period never ends early.
 */
export function addYears(date: string, years: number): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]) + years, Number(match[2]), Number(match[3])];
  const candidate = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 29 February into 1 March of a common year, which is the later day wanted.
  return candidate.toISOString().slice(0, 10);
}

export interface RetentionFacts {
  /** The last contact (YYYY-MM-DD). */
  lastContactOn: string;
  /** The date of death, when recorded. */
  diedOn: string | null;
  /** A reviewer's extension, when one was decided. */
  extendedUntil: string | null;
}

export type RetentionBasis = 'last-contact' | 'death' | 'extension';

/**
 * The first day the record may be destroyed (after review): the later of last contact + the rule's years and death +
 * its years, and never before a reviewer's extension. Ties name the earlier basis in the order last contact, death,
 * extension.
 */
export function retentionEndsOn(rule: RetentionRule, facts: RetentionFacts): { endsOn: string; basis: RetentionBasis } {
  let result: { endsOn: string; basis: RetentionBasis } = { endsOn: addYears(facts.lastContactOn, rule.afterLastContactYears), basis: 'last-contact' };
  if (facts.diedOn !== null) {
    const afterDeath = addYears(facts.diedOn, rule.afterDeathYears);
    if (afterDeath > result.endsOn) result = { endsOn: afterDeath, basis: 'death' };
  }
  if (facts.extendedUntil !== null && facts.extendedUntil > result.endsOn) result = { endsOn: facts.extendedUntil, basis: 'extension' };
  return result;
}
