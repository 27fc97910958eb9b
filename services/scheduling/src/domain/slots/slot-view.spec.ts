import { diaryDecider } from '../diary/diary.decider';
import type { DiarySessionAddedData } from '../diary/diary.types';
import { freeSlots } from './free-slots.filter';
import { slotViewsOf } from './slot-view';

describe('slot views from a diary session', () => {
  it('turns every slot of an added session into an open, filterable view', () => {
    const [added] = diaryDecider.decide(
      {
        type: 'AddDiarySession',
        sessionId: 'session-1',
        clinicianId: 'clinician-1',
        organisationId: 'org-1',
        siteId: 'site-1',
        date: '2026-12-01',
        startTime: '09:00',
        endTime: '10:00',
        slotLengthMinutes: 30,
        modes: ['video'],
        purposes: ['review'],
        embargo: 'same-day',
        addedAt: '2026-11-20T00:00:00.000Z',
      },
      diaryDecider.initialState,
    );
    const views = slotViewsOf(added?.data as DiarySessionAddedData, { role: 'pwp', languages: ['en', 'cy'] });
    expect(views.map((v) => [v.startsAt, v.status, v.clinicianRole, v.embargo])).toEqual([
      ['2026-12-01T09:00:00.000Z', 'open', 'pwp', 'same-day'],
      ['2026-12-01T09:30:00.000Z', 'open', 'pwp', 'same-day'],
    ]);
    expect(freeSlots(views, { language: 'cy', mode: 'video' }, '2026-11-30T12:00:00.000Z')).toEqual([]);
    expect(freeSlots(views, { language: 'cy', mode: 'video' }, '2026-12-01T07:00:00.000Z')).toHaveLength(2);
  });
});
