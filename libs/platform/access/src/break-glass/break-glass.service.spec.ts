import type { EventStore } from '@stepwell/event-store';
import type { DataSource } from 'typeorm';
import type { AccessModuleOptions } from '../access-options';
import { AccessAuditor } from '../audit/access-auditor';
import { ORGANISATION_TYPES, type OrganisationType } from '../principal/vocabulary';
import type { Principal } from '../principal/principal';
import { BREAK_GLASS_ORGANISATION_TYPES } from './break-glass-policy';
import { BreakGlassService } from './break-glass.service';

const emptyStore = { readStream: async () => [] } as unknown as EventStore;
const options = { eventStore: emptyStore, dataSource: {} as DataSource } as unknown as AccessModuleOptions;
const service = new BreakGlassService(options, new AccessAuditor(options));
const clinicianOf = (organisationType: OrganisationType): Principal => ({
  userId: 'u-1',
  displayName: 'u-1',
  organisationId: 'ORG01',
  organisationType,
  roles: ['clinician'],
});
const request = { patientSubjectId: 'p-1', reason: 'A real emergency reason', method: 'GET' };

describe('BreakGlassService.check: who may break the glass', () => {
  it.each(ORGANISATION_TYPES.map((type) => [type]))('decides for a clinician of a %s organisation', async (type) => {
    const decided = service.check(clinicianOf(type), request);
    if (BREAK_GLASS_ORGANISATION_TYPES.includes(type)) await expect(decided).resolves.toMatchObject({ patientSubjectId: 'p-1' });
    else await expect(decided).rejects.toMatchObject({ code: 'BREAK_GLASS_NOT_PERMITTED' });
  });

  it('never lets the voluntary sector, commissioners or audit organisations break the glass', () => {
    expect(BREAK_GLASS_ORGANISATION_TYPES).not.toEqual(expect.arrayContaining(['voluntary-sector']));
    expect(BREAK_GLASS_ORGANISATION_TYPES).not.toContain('commissioner');
    expect(BREAK_GLASS_ORGANISATION_TYPES).not.toContain('audit');
  });

  it.each([['POST'], ['PUT'], ['PATCH'], ['DELETE'], [undefined]])('refuses %s as a write', async (method) => {
    await expect(service.check(clinicianOf('crisis-team'), { ...request, method })).rejects.toMatchObject({ code: 'BREAK_GLASS_READ_ONLY' });
  });
});

describe('BreakGlassService: the grant window is configurable', () => {
  const grantAt = new Date('2000-01-01T00:00:00.000Z'); // a fixed origin only for relative arithmetic below
  function serviceAt(minutesLater: number, windowMinutes: number | undefined) {
    const grant = {
      id: 'grant-1',
      type: 'BreakGlassAccessGranted',
      revision: 0,
      data: {
        userId: 'u-1',
        organisationId: 'ORG01',
        at: grantAt.toISOString(),
        ...(windowMinutes === undefined ? {} : { expiresAt: new Date(grantAt.getTime() + windowMinutes * 60_000).toISOString() }),
      },
      metadata: { occurredAt: grantAt.toISOString() },
    };
    const store = { readStream: async () => [grant] } as unknown as EventStore;
    const now = new Date(grantAt.getTime() + minutesLater * 60_000);
    const configured = {
      eventStore: store,
      dataSource: {} as DataSource,
      clock: () => now,
      ...(windowMinutes === undefined ? {} : { breakGlassWindowMinutes: windowMinutes }),
    } as unknown as AccessModuleOptions;
    return new BreakGlassService(configured, new AccessAuditor(configured));
  }

  it.each([
    [29, 30, 'grant-1'],
    [31, 30, undefined],
    [239, undefined, 'grant-1'],
    [241, undefined, undefined],
  ])('%i minutes after a grant with a %s-minute window, the open grant is %s', async (later, window, expected) => {
    const pending = await serviceAt(later, window).check(clinicianOf('crisis-team'), request);
    expect(pending.activeGrantId).toBe(expected);
  });
});
