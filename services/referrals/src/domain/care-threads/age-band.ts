/**
 * The equity view of the commissioner's gap metrics (issue 18 item 4, `groupBy=equity`). Of the equity fields a
 * commissioner would want — ethnicity, sex, deprivation (IMD), age — a referral here holds only the person's date of
 * birth (and a postcode, but no IMD lookup is held here), so the gap metrics group by the person's **age band at the
 * referral**. The bands are the age groups NHS England's mental health policy singles out, kept coarse so that cells
 * survive small-number suppression: under 18 (children and young people's services), 18–25 (young adults, the
 * NHS Long Term Plan's 0–25 offer), 26–64, and 65 and over (older adults, whose access NHS Talking Therapies
 * reports separately). A local choice, not a national standard (hazard H-GW8).
 */
export const AGE_BANDS = ['under-18', '18-25', '26-64', '65-and-over'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole years from `dateOfBirth` to `onDate` (both `YYYY-MM-DD`); null when either is not a date (e.g. `[erased]`). */
export function ageOn(dateOfBirth: string, onDate: string): number | null {
  const born = ISO_DATE.exec(dateOfBirth);
  const on = ISO_DATE.exec(onDate);
  if (!born || !on) return null;
  const [by, bm, bd] = [Number(born[1]), Number(born[2]), Number(born[3])];
  const [oy, om, od] = [Number(on[1]), Number(on[2]), Number(on[3])];
  const age = oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
  return age < 0 ? null : age;
}

/** The age band of a person born on `dateOfBirth` on `onDate`, or null when it cannot be told. */
export function ageBandOn(dateOfBirth: string, onDate: string): AgeBand | null {
  const age = ageOn(dateOfBirth, onDate);
  if (age === null) return null;
  if (age < 18) return 'under-18';
  if (age <= 25) return '18-25';
  if (age <= 64) return '26-64';
  return '65-and-over';
}
