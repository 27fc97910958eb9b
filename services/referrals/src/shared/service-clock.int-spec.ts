import { users } from '@stepwell/access/testing';
import type { Clock } from '@stepwell/http';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

/**
 * The referrals service reads the time through its Clock (the `CLOCK` token; `TEST_CLOCK_FILE` outside production), as
 * scheduling does, so that end-to-end tests keep one timeline across services: a discharge dated by real time while
 * scheduling's attendance was dated by a moved clock counted the course's later sessions as after the discharge.
 */
describe('the referrals service dates what it records by its clock', () => {
  let service: ReferralsTestApp;
  // Three days and a few hours ahead of real time, moved by the test between commands.
  let offsetMs = 3 * 86_400_000 + 4 * 3_600_000;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs).toISOString() };
  const within = (iso: string, expected: number) => Math.abs(Date.parse(iso) - expected) < 60_000;

  beforeAll(async () => {
    service = await startReferralsTestApp('service_clock', {}, {}, { clock });
  });
  afterAll(() => service.close());

  it('receives, triages and discharges at the instants its clock gives', async () => {
    const referred = await service.http().post('/referrals').send(referralFor(8100)).expect(201);
    expect(within(referred.body.receivedAt as string, Date.now() + offsetMs)).toBe(true);
    expect(within(referred.body.receivedAt as string, Date.now())).toBe(false);

    offsetMs += 86_400_000;
    const therapist = await service.as(users.therapist);
    const triaged = await therapist
      .post(`/referrals/${referred.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: users.therapist.org })
      .expect(200);
    expect(within(triaged.body.triage.decidedAt as string, Date.now() + offsetMs)).toBe(true);

    offsetMs += 86_400_000;
    const episodeId = triaged.body.triage.episodeId as string;
    await therapist.post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(200);
    const discharged = (await service.store.readStream(`episode-${episodeId}`)).find((event) => event.type === 'EpisodeDischarged');
    expect(discharged).toBeDefined();
    expect(within((discharged?.data as { at: string }).at, Date.now() + offsetMs)).toBe(true);
  });
});
