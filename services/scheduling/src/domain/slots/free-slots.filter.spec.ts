import { freeSlots, type SlotView } from './free-slots.filter';

const now = '2026-12-01T08:00:00.000Z';
const slot = (overrides: Partial<SlotView>): SlotView => ({
  slotId: 'slot-a',
  sessionId: 'session-1',
  clinicianId: 'clinician-1',
  organisationId: 'org-1',
  siteId: 'site-1',
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T09:30:00.000Z',
  embargo: 'none',
  modes: ['face-to-face'],
  purposes: ['assessment'],
  clinicianRole: 'psychologist',
  clinicianLanguages: ['en'],
  status: 'open',
  ...overrides,
});
const ids = (slots: SlotView[]) => slots.map((s) => s.slotId);

describe('free-slot filter', () => {
  it('lists open bookable slots earliest first', () => {
    const slots = [
      slot({ slotId: 'later', startsAt: '2026-12-01T10:00:00.000Z' }),
      slot({ slotId: 'earlier' }),
    ];
    expect(ids(freeSlots(slots, {}, now))).toEqual(['earlier', 'later']);
  });

  it('leaves out booked and withdrawn slots', () => {
    const slots = [slot({ slotId: 'open' }), slot({ slotId: 'booked', status: 'booked' }), slot({ slotId: 'gone', status: 'withdrawn' })];
    expect(ids(freeSlots(slots, {}, now))).toEqual(['open']);
  });

  it('leaves out slots that have started and slots still under embargo', () => {
    const slots = [
      slot({ slotId: 'past', startsAt: '2026-12-01T07:30:00.000Z' }),
      slot({ slotId: 'same-day-today', embargo: 'same-day' }),
      slot({ slotId: 'same-day-tomorrow', embargo: 'same-day', startsAt: '2026-12-02T09:00:00.000Z' }),
      slot({ slotId: '48h-inside', embargo: '48-hours', startsAt: '2026-12-03T07:00:00.000Z' }),
      slot({ slotId: '48h-outside', embargo: '48-hours', startsAt: '2026-12-03T09:00:00.000Z' }),
    ];
    expect(ids(freeSlots(slots, {}, now))).toEqual(['same-day-today', '48h-inside']);
  });

  it('filters by organisation, time window, mode, purpose, language and role', () => {
    const slots = [
      slot({ slotId: 'match', modes: ['video', 'telephone'], purposes: ['treatment'], clinicianLanguages: ['en', 'pl'], clinicianRole: 'pwp' }),
      slot({ slotId: 'other-org', organisationId: 'org-2', modes: ['video'], purposes: ['treatment'], clinicianLanguages: ['pl'], clinicianRole: 'pwp' }),
      slot({ slotId: 'too-late', startsAt: '2026-12-05T09:00:00.000Z', modes: ['video'], purposes: ['treatment'], clinicianLanguages: ['pl'], clinicianRole: 'pwp' }),
      slot({ slotId: 'wrong-mode', purposes: ['treatment'], clinicianLanguages: ['pl'], clinicianRole: 'pwp' }),
      slot({ slotId: 'wrong-purpose', modes: ['video'], clinicianLanguages: ['pl'], clinicianRole: 'pwp' }),
      slot({ slotId: 'wrong-language', modes: ['video'], purposes: ['treatment'], clinicianRole: 'pwp' }),
      slot({ slotId: 'wrong-role', modes: ['video'], purposes: ['treatment'], clinicianLanguages: ['pl'] }),
    ];
    const query = {
      organisationId: 'org-1',
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
      mode: 'video',
      purpose: 'treatment',
      language: 'PL',
      role: 'pwp',
    } as const;
    expect(ids(freeSlots(slots, query, now))).toEqual(['match']);
  });

  it('includes a slot starting exactly at from and excludes one starting exactly at to', () => {
    const slots = [slot({ slotId: 'at-from' }), slot({ slotId: 'at-to', startsAt: '2026-12-01T10:00:00.000Z' })];
    const query = { from: '2026-12-01T09:00:00.000Z', to: '2026-12-01T10:00:00.000Z' };
    expect(ids(freeSlots(slots, query, now))).toEqual(['at-from']);
  });
});
