/**
 * Date entry as the NHS design system's date input asks for it: day, month and year in three boxes
 * (https://service-manual.nhs.uk/design-system/components/date-input), with its error messages: say which part is
 * missing, or that the date must be real, or in the past. The result is an ISO date (YYYY-MM-DD) for the API.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DateEntry =
  | { state: 'empty' }
  | { state: 'valid'; iso: string }
  /** `part`: the box to highlight and focus (the first wrong one); null when the whole date is wrong. */
  | { state: 'invalid'; message: string; part: keyof DateParts | null };

const PARTS: Array<keyof DateParts> = ['day', 'month', 'year'];

/**
 * Checks the three boxes. `label` names the date in the messages ("Date of birth"); `today` (YYYY-MM-DD, Europe/London)
 * is given for a date that must be in the past.
 */
export function checkDate(parts: DateParts, label: string, options: { mustBePast?: boolean; today?: string } = {}): DateEntry {
  const trimmed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = PARTS.filter((p) => trimmed[p] === '');
  if (missing.length === 3) return { state: 'empty' };
  if (missing.length > 0) return { state: 'invalid', message: `${label} must include a ${missing.join(' and ')}`, part: missing[0] as keyof DateParts };
  for (const part of PARTS) {
    if (!/^\d+$/.test(trimmed[part])) return { state: 'invalid', message: `${label} must be a real date`, part };
  }
  if (trimmed.year.length !== 4) return { state: 'invalid', message: 'Year must include 4 numbers', part: 'year' };
  const [day, month, year] = [Number(trimmed.day), Number(trimmed.month), Number(trimmed.year)];
  if (month < 1 || month > 12) return { state: 'invalid', message: `${label} must be a real date`, part: 'month' };
  // The last day of the month in the proleptic Gregorian calendar (29 February only in leap years).
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > lastDay) return { state: 'invalid', message: `${label} must be a real date`, part: 'day' };
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (options.mustBePast && options.today && iso >= options.today) return { state: 'invalid', message: `${label} must be in the past`, part: null };
  return { state: 'valid', iso };
}

/** Today in Europe/London as YYYY-MM-DD (en-CA formats dates that way). */
export const londonToday = (now: Date = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
