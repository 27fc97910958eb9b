import { isOpaqueId, parseStrictDate } from '@stepwell/contracts';

/**
 * The directory's records in Open Referral UK 3.0 shape (the UK profile of HSDS 3.0, field names as in
 * `OpenReferralUK/uk-profile` schema/compiled/service.json): organization, service (with its schedules, service
 * areas, languages, cost options, contacts and phones, funding, taxonomy `attributes` and service_at_locations),
 * location (with addresses and accessibility), taxonomy and taxonomy_term. Every field is public: the directory
 * publishes it to anyone without a token, so nothing here names a person (a contact is a role, never a name).
 *
 * One parser for every way a record arrives (the editor API and a feed import): it keeps the known fields in one
 * canonical form (absent and `null` alike are left out, so an export re-imports to the same record), refuses
 * malformed ones naming the field, and lists the fields it ignored (an import reports them).
 */
export type OrukKind = 'organization' | 'location' | 'service' | 'taxonomy' | 'taxonomy_term';
export const ORUK_KINDS: readonly OrukKind[] = ['taxonomy', 'taxonomy_term', 'organization', 'location', 'service'];

/** A record as stored and published: ORUK field names, JSON values only. */
export type OrukRecord = { id: string } & Record<string, unknown>;

export interface FieldError {
  field: string;
  messages: string[];
}

export interface Parsed {
  record: OrukRecord | null;
  errors: FieldError[];
  /** Fields present in the input that this directory does not keep (an import reports them). */
  ignored: string[];
}

type Field =
  | { kind: 'id'; required?: boolean }
  | { kind: 'string'; required?: boolean; max?: number; pattern?: RegExp; hint?: string }
  | { kind: 'enum'; values: readonly string[]; required?: boolean }
  | { kind: 'number'; min: number; max: number; integer?: boolean; required?: boolean }
  | { kind: 'date'; required?: boolean }
  | { kind: 'url'; required?: boolean }
  | { kind: 'email'; required?: boolean }
  | { kind: 'boolean'; required?: boolean }
  | { kind: 'objects'; of: Shape }
  | { kind: 'refused'; why: string };
type Shape = Record<string, Field>;

const TEXT = 4000;
const text = (required = false, max = TEXT): Field => ({ kind: 'string', required, max });
const id = (required = false): Field => ({ kind: 'id', required });
/** iCal BYDAY as ORUK uses it: comma-separated weekdays, each optionally preceded by an occurrence (2MO, -1FR). */
const BYDAY = /^(?:[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU))(?:,[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU))*$/;
const BYMONTHDAY = /^-?(?:[1-9]|[12][0-9]|3[01])(?:,-?(?:[1-9]|[12][0-9]|3[01]))*$/;
/** A local time, with seconds optional and an optional offset (ORUK: `10:00:00`, `09:00Z`). */
const TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$/;
/** ISO 639-1/639-2 language code (`en`, `pl`, `cy`, `bsl`... as the UK profile's `code`). */
const LANGUAGE_CODE = /^[a-z]{2,3}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

const PHONE: Shape = {
  id: id(true),
  number: { kind: 'string', required: true, max: 50, pattern: /^[0-9+() -]{3,50}$/, hint: 'digits, spaces, + ( ) -' },
  extension: { kind: 'number', min: 0, max: 99_999_999, integer: true },
  type: { kind: 'enum', values: ['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone'] },
  description: text(),
};

const CONTACT: Shape = {
  id: id(true),
  // A named person is personal data, and the directory is published to anyone: contacts are roles.
  name: { kind: 'refused', why: 'a contact is a role or team (title, department), never a named person: the directory is public' },
  title: text(false, 255),
  department: text(false, 255),
  email: { kind: 'email' },
  url: { kind: 'url' },
  phones: { kind: 'objects', of: PHONE },
};

const SCHEDULE: Shape = {
  id: id(true),
  valid_from: { kind: 'date' },
  valid_to: { kind: 'date' },
  dtstart: { kind: 'date' },
  until: { kind: 'date' },
  // The UK profile's enum; evaluated in Europe/London by src/domain/opening-times.ts (rrule-temporal).
  freq: { kind: 'enum', values: ['WEEKLY', 'MONTHLY'] },
  interval: { kind: 'number', min: 1, max: 52, integer: true },
  byday: { kind: 'string', max: 100, pattern: BYDAY, hint: 'comma-separated iCal weekdays such as MO,TU or 2MO,-1FR' },
  bymonthday: { kind: 'string', max: 100, pattern: BYMONTHDAY, hint: 'comma-separated days of the month (1–31, or negative)' },
  opens_at: { kind: 'string', max: 14, pattern: TIME, hint: 'a time such as 09:30 or 09:30:00' },
  closes_at: { kind: 'string', max: 14, pattern: TIME, hint: 'a time such as 17:00 or 17:00:00' },
  description: text(),
  attending_type: text(false, 255),
  schedule_link: { kind: 'url' },
  notes: text(),
};

/**
 * A holiday schedule as ORUK 2.0 had it (`holiday_schedule`: closed, or other hours, from start_date to end_date
 * inclusive). HSDS/ORUK 3.0 dropped the table; Stepwell keeps it on the service so that a closure over Christmas
 * or a half day is data the opening times evaluate, not only words in `description`.
 */
const HOLIDAY_SCHEDULE: Shape = {
  id: id(true),
  closed: { kind: 'boolean', required: true },
  start_date: { kind: 'date', required: true },
  end_date: { kind: 'date', required: true },
  opens_at: { kind: 'string', max: 14, pattern: TIME, hint: 'a time such as 09:30 or 09:30:00' },
  closes_at: { kind: 'string', max: 14, pattern: TIME, hint: 'a time such as 17:00 or 17:00:00' },
  description: text(),
};

const SERVICE_AREA: Shape = {
  id: id(true),
  name: text(false, 255),
  description: text(),
  extent: text(false, 100_000),
  extent_type: { kind: 'enum', values: ['geojson', 'topojson', 'kml', 'text'] },
  uri: { kind: 'url' },
};

const LANGUAGE: Shape = {
  id: id(true),
  name: text(false, 100),
  code: { kind: 'string', max: 3, pattern: LANGUAGE_CODE, hint: 'an ISO 639 code such as en, pl, cy' },
  note: text(false, 500),
};

const COST_OPTION: Shape = {
  id: id(true),
  valid_from: { kind: 'date' },
  valid_to: { kind: 'date' },
  option: text(false, 500),
  currency: { kind: 'string', max: 3, pattern: /^[A-Z]{3}$/, hint: 'an ISO 4217 code such as GBP' },
  amount: { kind: 'number', min: 0, max: 1_000_000 },
  amount_description: text(false, 500),
};

const FUNDING: Shape = { id: id(true), source: text(false, 1000) };

/** A link from a service to a taxonomy term (HSDS 3.0 `attribute`). */
const ATTRIBUTE: Shape = { id: id(true), taxonomy_term_id: id(true), link_type: text(false, 100), value: text(false, 500) };

const SERVICE_AT_LOCATION: Shape = { id: id(true), location_id: id(true), description: text(), schedules: { kind: 'objects', of: SCHEDULE } };

const ADDRESS: Shape = {
  id: id(true),
  address_1: text(true, 255),
  address_2: text(false, 255),
  city: text(true, 100),
  region: text(false, 100),
  state_province: text(false, 100),
  postal_code: { kind: 'string', required: true, max: 10, pattern: /^[A-Za-z0-9 ]{2,10}$/, hint: 'a postcode such as TR1 2AB' },
  country: { kind: 'string', required: true, max: 2, pattern: /^[A-Z]{2}$/, hint: 'an ISO 3166 alpha-2 code such as GB' },
  address_type: { kind: 'enum', values: ['physical', 'postal', 'virtual'] },
};

const ACCESSIBILITY: Shape = { id: id(true), description: text(), details: text(), url: { kind: 'url' } };

export const SHAPES: Readonly<Record<OrukKind, Shape>> = {
  organization: {
    id: id(true),
    name: text(true, 255),
    alternate_name: text(false, 255),
    description: text(true),
    email: { kind: 'email' },
    website: { kind: 'url' },
    logo: { kind: 'url' },
    uri: { kind: 'url' },
    parent_organization_id: id(),
  },
  location: {
    id: id(true),
    location_type: { kind: 'enum', values: ['physical', 'postal', 'virtual'] },
    organization_id: id(),
    name: text(false, 255),
    alternate_name: text(false, 255),
    description: text(),
    transportation: text(),
    latitude: { kind: 'number', min: -90, max: 90 },
    longitude: { kind: 'number', min: -180, max: 180 },
    addresses: { kind: 'objects', of: ADDRESS },
    accessibility: { kind: 'objects', of: ACCESSIBILITY },
  },
  service: {
    id: id(true),
    organization_id: id(true),
    name: text(true, 255),
    alternate_name: text(false, 255),
    description: text(true),
    url: { kind: 'url' },
    email: { kind: 'email' },
    status: { kind: 'enum', values: ['active', 'inactive', 'defunct', 'temporarily closed'], required: true },
    alert: text(false, 1000),
    minimum_age: { kind: 'number', min: 0, max: 130, integer: true },
    maximum_age: { kind: 'number', min: 0, max: 130, integer: true },
    eligibility_description: text(),
    assured_date: { kind: 'date' },
    schedules: { kind: 'objects', of: SCHEDULE },
    holiday_schedules: { kind: 'objects', of: HOLIDAY_SCHEDULE },
    // Stepwell: whether the service shuts on England and Wales bank holidays (the calendar in @stepwell/contracts).
    stepwell_bank_holidays: { kind: 'enum', values: ['closed', 'open'] },
    service_areas: { kind: 'objects', of: SERVICE_AREA },
    languages: { kind: 'objects', of: LANGUAGE },
    cost_options: { kind: 'objects', of: COST_OPTION },
    contacts: { kind: 'objects', of: CONTACT },
    funding: { kind: 'objects', of: FUNDING },
    attributes: { kind: 'objects', of: ATTRIBUTE },
    service_at_locations: { kind: 'objects', of: SERVICE_AT_LOCATION },
  },
  taxonomy: { id: id(true), name: text(true, 255), description: text(true), uri: { kind: 'url' }, version: text(false, 50) },
  taxonomy_term: {
    id: id(true),
    code: text(false, 100),
    name: text(true, 255),
    description: text(true),
    parent_id: id(),
    taxonomy_id: id(true),
    term_uri: { kind: 'url' },
  },
};

const MAX_ITEMS = 200;

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function parseField(field: Field, value: unknown, path: string, errors: FieldError[], ignored: string[]): unknown {
  const fail = (message: string): undefined => {
    errors.push({ field: path, messages: [message] });
    return undefined;
  };
  switch (field.kind) {
    case 'refused':
      return fail(`${path} is not accepted: ${field.why}`);
    case 'id':
      return isOpaqueId(value) ? value : fail(`${path} must be an id of 1–64 letters, digits, - or _ (a UUID fits)`);
    case 'string': {
      if (typeof value !== 'string') return fail(`${path} must be a string`);
      const trimmed = value.trim();
      if (field.required && trimmed === '') return fail(`${path} must not be empty`);
      if (trimmed.length > (field.max ?? TEXT)) return fail(`${path} must be at most ${field.max ?? TEXT} characters`);
      if (field.pattern && !field.pattern.test(trimmed)) return fail(`${path} must be ${field.hint ?? 'well-formed'}`);
      return trimmed;
    }
    case 'enum':
      return typeof value === 'string' && field.values.includes(value) ? value : fail(`${path} must be one of: ${field.values.join(', ')}`);
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${path} must be a number`);
      if (field.integer && !Number.isInteger(value)) return fail(`${path} must be a whole number`);
      if (value < field.min || value > field.max) return fail(`${path} must be between ${field.min} and ${field.max}`);
      return value;
    }
    case 'date':
      return parseStrictDate(value, 'date') !== undefined ? value : fail(`${path} must be a date YYYY-MM-DD`);
    case 'url':
      return typeof value === 'string' && value.length <= 2000 && isUrl(value) ? value : fail(`${path} must be an http(s) URL`);
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? value : fail(`${path} must be an email address`);
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(`${path} must be true or false`);
    case 'objects': {
      if (!Array.isArray(value)) return fail(`${path} must be an array`);
      if (value.length > MAX_ITEMS) return fail(`${path} must have at most ${MAX_ITEMS} entries`);
      const items = value.map((item, index) => parseObject(field.of, item, `${path}[${index}]`, errors, ignored));
      const ids = items.flatMap((item) => (item ? [item['id']] : []));
      if (new Set(ids).size !== ids.length) return fail(`${path} has two entries with the same id`);
      return items;
    }
  }
}

function parseObject(shape: Shape, input: unknown, path: string, errors: FieldError[], ignored: string[]): OrukRecord | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    errors.push({ field: path || 'body', messages: [`${path || 'the body'} must be a JSON object`] });
    return null;
  }
  const out: Record<string, unknown> = {};
  const source = input as Record<string, unknown>;
  for (const [name, field] of Object.entries(shape)) {
    const value = source[name];
    const at = path ? `${path}.${name}` : name;
    if (value === undefined || value === null) {
      if ((field.kind === 'id' || field.kind === 'string' || field.kind === 'enum' || field.kind === 'number' || field.kind === 'date' || field.kind === 'url' || field.kind === 'email' || field.kind === 'boolean') && field.required) {
        errors.push({ field: at, messages: [`${at} is required`] });
      }
      continue;
    }
    const parsed = parseField(field, value, at, errors, ignored);
    // An empty list and no list are the same fact: neither is kept, so exports re-import unchanged.
    if (parsed !== undefined && !(Array.isArray(parsed) && parsed.length === 0)) out[name] = parsed;
  }
  for (const name of Object.keys(source)) if (!(name in shape)) ignored.push(path ? `${path}.${name}` : name);
  return out as OrukRecord;
}

/** Rules across fields, once each field is well-formed. */
function crossFieldErrors(kind: OrukKind, record: OrukRecord): FieldError[] {
  const errors: FieldError[] = [];
  if (kind === 'service') {
    const min = record['minimum_age'];
    const max = record['maximum_age'];
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      errors.push({ field: 'maximum_age', messages: ['maximum_age must not be below minimum_age'] });
    }
    const schedules = [
      ...((record['schedules'] as OrukRecord[] | undefined) ?? []).map((s, i) => [`schedules[${i}]`, s] as const),
      ...((record['service_at_locations'] as OrukRecord[] | undefined) ?? []).flatMap((sal, j) =>
        ((sal['schedules'] as OrukRecord[] | undefined) ?? []).map((s, i) => [`service_at_locations[${j}].schedules[${i}]`, s] as const),
      ),
    ];
    for (const [at, schedule] of schedules) {
      if (schedule['freq'] === 'WEEKLY' && schedule['bymonthday'] !== undefined) {
        errors.push({ field: `${at}.bymonthday`, messages: ['bymonthday applies to a MONTHLY schedule only'] });
      }
      if (typeof schedule['byday'] === 'string' && schedule['freq'] === 'WEEKLY' && /\d/.test(schedule['byday'])) {
        errors.push({ field: `${at}.byday`, messages: ['an occurrence in byday (2MO) applies to a MONTHLY schedule only'] });
      }
      if (typeof schedule['valid_from'] === 'string' && typeof schedule['valid_to'] === 'string' && schedule['valid_from'] > schedule['valid_to']) {
        errors.push({ field: `${at}.valid_to`, messages: ['valid_to must not be before valid_from'] });
      }
      if ((schedule['opens_at'] === undefined) !== (schedule['closes_at'] === undefined)) {
        errors.push({ field: `${at}.${schedule['opens_at'] === undefined ? 'opens_at' : 'closes_at'}`, messages: ['opens_at and closes_at come together'] });
      }
    }
    ((record['holiday_schedules'] as OrukRecord[] | undefined) ?? []).forEach((holiday, i) => {
      const at = `holiday_schedules[${i}]`;
      if (typeof holiday['start_date'] === 'string' && typeof holiday['end_date'] === 'string' && holiday['start_date'] > holiday['end_date']) {
        errors.push({ field: `${at}.end_date`, messages: ['end_date must not be before start_date'] });
      }
      if (holiday['closed'] === false && (holiday['opens_at'] === undefined || holiday['closes_at'] === undefined)) {
        errors.push({ field: `${at}.${holiday['opens_at'] === undefined ? 'opens_at' : 'closes_at'}`, messages: ['a holiday schedule that is not closed needs opens_at and closes_at'] });
      }
      if (holiday['closed'] === true && (holiday['opens_at'] !== undefined || holiday['closes_at'] !== undefined)) {
        errors.push({ field: `${at}.${holiday['opens_at'] !== undefined ? 'opens_at' : 'closes_at'}`, messages: ['a closed holiday schedule has no opening hours'] });
      }
    });
  }
  if (kind === 'location') {
    const hasLat = record['latitude'] !== undefined;
    if (hasLat !== (record['longitude'] !== undefined)) {
      errors.push({ field: hasLat ? 'longitude' : 'latitude', messages: ['latitude and longitude come together'] });
    }
  }
  if (kind === 'taxonomy_term' && record['parent_id'] === record['id']) {
    errors.push({ field: 'parent_id', messages: ['a term cannot be its own parent'] });
  }
  return errors;
}

/** Parses one ORUK record of `kind` from JSON input (see the file comment). */
export function parseOrukRecord(kind: OrukKind, input: unknown): Parsed {
  const errors: FieldError[] = [];
  const ignored: string[] = [];
  const record = parseObject(SHAPES[kind], input, '', errors, ignored);
  if (record && errors.length === 0) errors.push(...crossFieldErrors(kind, record));
  return { record: errors.length === 0 ? record : null, errors, ignored };
}

/** The ids a record names in other records, which must exist before it is listed. */
export function referencesOf(kind: OrukKind, record: OrukRecord): Array<{ kind: OrukKind; id: string; field: string }> {
  const refs: Array<{ kind: OrukKind; id: string; field: string }> = [];
  const push = (k: OrukKind, value: unknown, field: string): void => {
    if (typeof value === 'string') refs.push({ kind: k, id: value, field });
  };
  switch (kind) {
    case 'organization':
      push('organization', record['parent_organization_id'], 'parent_organization_id');
      break;
    case 'location':
      push('organization', record['organization_id'], 'organization_id');
      break;
    case 'service':
      push('organization', record['organization_id'], 'organization_id');
      ((record['attributes'] as OrukRecord[] | undefined) ?? []).forEach((a, i) => push('taxonomy_term', a['taxonomy_term_id'], `attributes[${i}].taxonomy_term_id`));
      ((record['service_at_locations'] as OrukRecord[] | undefined) ?? []).forEach((s, i) => push('location', s['location_id'], `service_at_locations[${i}].location_id`));
      break;
    case 'taxonomy':
      break;
    case 'taxonomy_term':
      push('taxonomy', record['taxonomy_id'], 'taxonomy_id');
      push('taxonomy_term', record['parent_id'], 'parent_id');
      break;
  }
  return refs;
}

/** Canonical JSON (keys sorted) of a record: two records are the same fact when these are equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
