import type { FieldError } from './problems';

/**
 * The link worker's directory search, built as the directory's public ORUK `GET /services` query
 * (services/directory README "Filters"): words (`text`), a point and radius (`lat`, `lon`, `proximity` in metres,
 * 1–500,000) and "has hours now" (`day` + `start_time`/`end_time`, Europe/London wall-clock). What the API does not
 * serve is not done in the browser (a need is `taxonomy_term_id`): `postcode` is refused by the directory (no offline postcode source), and there is
 * no "open now" filter on the lists — the nearest it serves is a weekly-hours overlap with this weekday and minute,
 * which counts a monthly service's weekday and does not remove holidays. Each result's own `stepwell_opening`
 * (from `GET /services/{id}`, holidays and bank holidays included) is what the screen shows as its status.
 */
export interface DirectorySearchState {
  text: string;
  latitude: string;
  longitude: string;
  /** kilometres, as typed */
  radiusKm: string;
  hoursNow: boolean;
  /** a taxonomy term's id (the whole-life vocabulary or an imported one), or '' for any */
  taxonomyTermId?: string;
}

export const DIRECTORY_SEARCH_FIELDS = ['directory-search', 'need', 'latitude', 'longitude', 'radius'] as const;

/** The directory's bound on `proximity` (metres). */
const MAX_RADIUS_METRES = 500_000;
const PER_PAGE = 20;
const WEEKDAYS: Record<string, string> = { Mon: 'MO', Tue: 'TU', Wed: 'WE', Thu: 'TH', Fri: 'FR', Sat: 'SA', Sun: 'SU' };

const number = (value: string): number | null => (/^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : null);

/** The weekday (iCal) and the London minute `now` falls in, and the next minute (the API wants end after start). */
export function londonNow(now: Date): { day: string; start: string; end: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const minute = Number(parts['hour']) * 60 + Number(parts['minute']);
  // 23:59 has no later minute the same day: ask for 23:58–23:59, which still overlaps any window open at 23:59.
  const from = Math.min(minute, 23 * 60 + 58);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { day: WEEKDAYS[parts['weekday'] as string] as string, start: hhmm(from), end: hhmm(from + 1) };
}

/** The form field an API refusal names (the directory says `lat`, `lon`, `proximity`, `text`). */
export function searchFieldOf(apiField: string): string {
  return ({ lat: 'latitude', lon: 'longitude', proximity: 'radius', taxonomy_term_id: 'need', text: 'directory-search', search: 'directory-search' } as Record<string, string>)[apiField] ?? apiField;
}

/** The `GET /services` query string for the form, or the form's errors (nothing is asked of the directory then). */
export function directoryQueryOf(state: DirectorySearchState, now: Date): { query: string } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  const params = new URLSearchParams();
  if (state.text.trim()) params.set('text', state.text.trim());
  if (state.taxonomyTermId) params.set('taxonomy_term_id', state.taxonomyTermId);

  const lat = state.latitude.trim() ? number(state.latitude) : null;
  const lon = state.longitude.trim() ? number(state.longitude) : null;
  const located = Boolean(state.latitude.trim() || state.longitude.trim());
  if (located) {
    if (!state.latitude.trim()) fail('latitude', 'Enter the latitude as well as the longitude');
    else if (lat === null || lat < -90 || lat > 90) fail('latitude', 'Enter a latitude in decimal degrees between -90 and 90, for example 53.7997');
    if (!state.longitude.trim()) fail('longitude', 'Enter the longitude as well as the latitude');
    else if (lon === null || lon < -180 || lon > 180) fail('longitude', 'Enter a longitude in decimal degrees between -180 and 180, for example -1.5492');
    const km = number(state.radiusKm);
    const metres = km === null ? null : Math.round(km * 1000);
    if (metres === null || metres < 1 || metres > MAX_RADIUS_METRES) fail('radius', 'Enter a distance in kilometres from 0.001 to 500');
    if (errors.length === 0) {
      params.set('lat', String(lat));
      params.set('lon', String(lon));
      params.set('proximity', String(metres));
    }
  }

  if (state.hoursNow) {
    const at = londonNow(now);
    params.set('day', at.day);
    params.set('start_time', at.start);
    params.set('end_time', at.end);
  }
  if (errors.length > 0) return { errors };
  params.set('per_page', String(PER_PAGE));
  return { query: params.toString() };
}

/** A result's `distance` (metres, its nearest location) as read aloud: metres under 1 km, else km to one place. */
export function distanceText(metres: number | null | undefined): string | null {
  if (metres === null || metres === undefined || !Number.isFinite(metres)) return null;
  if (metres < 1000) return `${Math.round(metres)} m away`;
  return `${(metres / 1000).toFixed(1)} km away`;
}

/** The directory's `stepwell_opening` (`GET /services/{id}`, services/directory README "Opening times"). */
export interface DirectoryOpening {
  known: boolean;
  open_now: boolean;
  current?: { opens_at: string; closes_at: string } | null;
  next_opening?: { opens_at: string; closes_at: string } | null;
}

const londonTime = (iso: string, withDay: boolean) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}) }).format(new Date(iso));

/** A service's opening status in words; "not listed" when the directory cannot evaluate its hours (never "closed"). */
export function openingText(opening: DirectoryOpening | null | undefined): string {
  if (!opening || !opening.known) return 'Opening times not listed';
  if (opening.open_now) return opening.current ? `Open now, until ${londonTime(opening.current.closes_at, false)}` : 'Open now';
  return opening.next_opening ? `Closed now, opens ${londonTime(opening.next_opening.opens_at, true)}` : 'Closed now, no opening in the next 62 days';
}
