import { describe, expect, it } from 'vitest';
import { directoryQueryOf, type DirectorySearchState, distanceText, londonNow, openingText, searchFieldOf } from './directory-search';

const blank: DirectorySearchState = { text: '', latitude: '', longitude: '', radiusKm: '5', hoursNow: false };
const now = new Date();
const paramsOf = (state: DirectorySearchState) => {
  const built = directoryQueryOf(state, now);
  if (!('query' in built)) throw new Error(`expected a query, got ${JSON.stringify(built.errors)}`);
  return Object.fromEntries(new URLSearchParams(built.query));
};

describe('the directory search query (GET /services)', () => {
  it('sends the words as `text`, trimmed, and a page of 20', () => {
    expect(paramsOf({ ...blank, text: '  debt advice ' })).toEqual({ text: 'debt advice', per_page: '20' });
  });

  it('sends a need as `taxonomy_term_id` beside the words', () => {
    expect(paramsOf({ ...blank, text: 'walk', taxonomyTermId: 'term-1' })).toEqual({ text: 'walk', taxonomy_term_id: 'term-1', per_page: '20' });
  });

  it('sends a point and the radius in metres for a distance search, and no postcode', () => {
    expect(paramsOf({ ...blank, latitude: ' 53.7997', longitude: '-1.5492 ', radiusKm: '2.5' })).toEqual({ lat: '53.7997', lon: '-1.5492', proximity: '2500', per_page: '20' });
  });

  it('refuses half a point, a point off the globe and a radius outside the directory’s 1 m–500 km, asking nothing', () => {
    expect(directoryQueryOf({ ...blank, latitude: '53.8' }, now)).toEqual({ errors: [{ field: 'longitude', messages: ['Enter the longitude as well as the latitude'] }] });
    expect(directoryQueryOf({ ...blank, longitude: '-1.5' }, now)).toEqual({ errors: [{ field: 'latitude', messages: ['Enter the latitude as well as the longitude'] }] });
    const wrong = directoryQueryOf({ ...blank, latitude: '91', longitude: 'LS1 4AP', radiusKm: '501' }, now);
    expect('errors' in wrong && wrong.errors.map((e) => e.field)).toEqual(['latitude', 'longitude', 'radius']);
    expect('errors' in directoryQueryOf({ ...blank, latitude: '53.8', longitude: '-1.5', radiusKm: '0' }, now)).toBe(true);
    expect(paramsOf({ ...blank, latitude: '53.8', longitude: '-1.5', radiusKm: '500' })['proximity']).toBe('500000');
  });

  it('names the form’s field for the directory’s own refusal of lat, lon, proximity or text', () => {
    expect(['lat', 'lon', 'proximity', 'text', 'taxonomy_term_id', 'day'].map(searchFieldOf)).toEqual(['latitude', 'longitude', 'radius', 'directory-search', 'need', 'day']);
  });

  it('ignores the radius when no point is given', () => {
    expect(paramsOf({ ...blank, text: 'walk', radiusKm: '' })).toEqual({ text: 'walk', per_page: '20' });
  });

  it('asks for hours now as the London weekday and the minute from now to the next', () => {
    const at = londonNow(now);
    expect(paramsOf({ ...blank, hoursNow: true })).toEqual({ day: at.day, start_time: at.start, end_time: at.end, per_page: '20' });
    expect(at.day).toMatch(/^(MO|TU|WE|TH|FR|SA|SU)$/);
    expect(at.end > at.start).toBe(true);
  });

  it('reads the London wall clock across the clock change: midday UTC is 12:00 in winter and 13:00 in summer', () => {
    const year = now.getUTCFullYear();
    const january = new Date(Date.UTC(year, 0, 15, 12, 0));
    const july = new Date(Date.UTC(year, 6, 15, 12, 0));
    expect(londonNow(january).start).toBe('12:00');
    expect(londonNow(july)).toMatchObject({ start: '13:00', end: '13:01' });
    // The weekday is the London date's: 23:30 UTC on a summer day is already the next day in London.
    const lateSummer = new Date(Date.UTC(year, 6, 15, 23, 30));
    const nextDay = new Date(Date.UTC(year, 6, 16, 12, 0));
    expect(londonNow(lateSummer).day).toBe(londonNow(nextDay).day);
  });

  it('keeps end after start in the last minute of the day', () => {
    const year = now.getUTCFullYear();
    expect(londonNow(new Date(Date.UTC(year, 0, 15, 23, 59)))).toMatchObject({ start: '23:58', end: '23:59' });
  });
});

describe('what a result shows', () => {
  it('gives the distance in metres under 1 km, else in km, and nothing without one', () => {
    expect(distanceText(420.4)).toBe('420 m away');
    expect(distanceText(2345)).toBe('2.3 km away');
    expect(distanceText(undefined)).toBeNull();
  });

  it('says open until, closed with the next opening, or not listed — never closed when hours are unknown', () => {
    const year = now.getUTCFullYear();
    const closes = new Date(Date.UTC(year, 0, 15, 17, 0)).toISOString();
    expect(openingText({ known: true, open_now: true, current: { opens_at: closes, closes_at: closes } })).toBe('Open now, until 17:00');
    expect(openingText({ known: true, open_now: false, next_opening: { opens_at: closes, closes_at: closes } })).toMatch(/^Closed now, opens \w{3} 15 Jan,? 17:00$/);
    expect(openingText({ known: false, open_now: false })).toBe('Opening times not listed');
    expect(openingText(null)).toBe('Opening times not listed');
  });
});
