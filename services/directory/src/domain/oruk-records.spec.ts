import { canonicalJson, parseOrukRecord, referencesOf } from './oruk-records';

describe('parsing ORUK records', () => {
  it('keeps known fields in one canonical form: trimmed, with empty lists and nulls left out', () => {
    const parsed = parseOrukRecord('organization', { id: 'org-1', name: '  Food bank ', description: 'Food.', email: null, website: 'https://x.example.org', extra: 1 });
    expect(parsed.errors).toEqual([]);
    expect(parsed.record).toEqual({ id: 'org-1', name: 'Food bank', description: 'Food.', website: 'https://x.example.org' });
    expect(parsed.ignored).toEqual(['extra']);
    const service = parseOrukRecord('service', { id: 's', organization_id: 'o', name: 'n', description: 'd', status: 'active', schedules: [] });
    expect(service.record).not.toHaveProperty('schedules');
  });

  it('names every bad field with its path', () => {
    const parsed = parseOrukRecord('service', {
      id: 's',
      name: 'n',
      description: 'd',
      status: 'open',
      url: 'javascript:alert(1)',
      schedules: [{ id: 'x', freq: 'DAILY', opens_at: '25:00' }],
      contacts: [{ id: 'c', name: 'A Person', phones: [{ id: 'p', number: 'call me' }] }],
    });
    expect(parsed.record).toBeNull();
    expect(parsed.errors.map((e) => e.field).sort()).toEqual(
      ['contacts[0].name', 'contacts[0].phones[0].number', 'organization_id', 'schedules[0].freq', 'schedules[0].opens_at', 'status', 'url'].sort(),
    );
  });

  it('accepts monthly RRULE occurrences and refuses them in a weekly schedule', () => {
    const base = { id: 's', organization_id: 'o', name: 'n', description: 'd', status: 'active' };
    expect(parseOrukRecord('service', { ...base, schedules: [{ id: 'a', freq: 'MONTHLY', byday: '1TU,-1FR', bymonthday: '1,-5' }] }).errors).toEqual([]);
    expect(parseOrukRecord('service', { ...base, schedules: [{ id: 'a', freq: 'WEEKLY', bymonthday: '1' }] }).errors.map((e) => e.field)).toEqual(['schedules[0].bymonthday']);
  });

  it('keeps holiday schedules and the bank holiday choice, refusing hours that cannot be evaluated', () => {
    const base = { id: 's', organization_id: 'o', name: 'n', description: 'd', status: 'active' };
    const good = parseOrukRecord('service', {
      ...base,
      stepwell_bank_holidays: 'closed',
      holiday_schedules: [
        { id: 'h1', closed: true, start_date: '2030-12-24', end_date: '2031-01-01' },
        { id: 'h2', closed: false, start_date: '2030-12-23', end_date: '2030-12-23', opens_at: '10:00', closes_at: '12:00' },
      ],
    });
    expect(good.errors).toEqual([]);
    expect(good.record).toMatchObject({ stepwell_bank_holidays: 'closed', holiday_schedules: [{ closed: true }, { closed: false, opens_at: '10:00' }] });
    const fields = (input: Record<string, unknown>) => parseOrukRecord('service', { ...base, ...input }).errors.map((e) => e.field);
    expect(fields({ stepwell_bank_holidays: 'sometimes' })).toEqual(['stepwell_bank_holidays']);
    expect(fields({ holiday_schedules: [{ id: 'h', closed: 'yes', start_date: '2030-12-24', end_date: '2030-12-24' }] })).toEqual(['holiday_schedules[0].closed']);
    expect(fields({ holiday_schedules: [{ id: 'h', closed: true, start_date: '2030-12-24' }] })).toEqual(['holiday_schedules[0].end_date']);
    expect(fields({ holiday_schedules: [{ id: 'h', closed: true, start_date: '2030-12-24', end_date: '2030-12-20' }] })).toEqual(['holiday_schedules[0].end_date']);
    expect(fields({ holiday_schedules: [{ id: 'h', closed: false, start_date: '2030-12-24', end_date: '2030-12-24', opens_at: '10:00' }] })).toEqual(['holiday_schedules[0].closes_at']);
    expect(fields({ holiday_schedules: [{ id: 'h', closed: true, start_date: '2030-12-24', end_date: '2030-12-24', opens_at: '10:00' }] })).toEqual(['holiday_schedules[0].opens_at']);
    expect(fields({ schedules: [{ id: 'a', freq: 'WEEKLY', byday: 'MO', opens_at: '09:00' }] })).toEqual(['schedules[0].closes_at']);
  });

  it('lists the records a service names', () => {
    const { record } = parseOrukRecord('service', {
      id: 's',
      organization_id: 'o',
      name: 'n',
      description: 'd',
      status: 'active',
      attributes: [{ id: 'a', taxonomy_term_id: 't' }],
      service_at_locations: [{ id: 'sal', location_id: 'l' }],
    });
    expect(referencesOf('service', record!)).toEqual([
      { kind: 'organization', id: 'o', field: 'organization_id' },
      { kind: 'taxonomy_term', id: 't', field: 'attributes[0].taxonomy_term_id' },
      { kind: 'location', id: 'l', field: 'service_at_locations[0].location_id' },
    ]);
  });

  it('compares records regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(canonicalJson({ a: [{ x: 1, y: 2 }], b: 1 }));
  });
});
