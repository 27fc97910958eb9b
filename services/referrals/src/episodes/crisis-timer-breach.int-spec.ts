import { users } from '@stepwell/access/testing';
import type { CommandHandler } from '@stepwell/commands';
import { testNow } from '@stepwell/testing';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState } from '../domain/care-episode';
import { EPISODE_COMMANDS, episodeStreamId } from '../shared/episode-commands';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { CrisisTimerBreachCheck } from './crisis-timer-breach.check';

const HOUR = 3_600_000;

describe('crisis timers write breach events when they pass (issue 12 item 15, hazard H-W9)', () => {
  let service: ReferralsTestApp;
  let check: CrisisTimerBreachCheck;
  let seed = 9700;
  beforeAll(async () => {
    service = await startReferralsTestApp('crisis-timer-breach', { CRISIS_TIMER_CHECK_EVERY_SECONDS: '0' });
    check = service.app.get(CrisisTimerBreachCheck);
  });
  afterAll(() => service.close());

  /** A crisis referral to the crisis team, accepted at the crisis step: its episode and when the referral was received. */
  async function openCrisisEpisode(): Promise<{ episodeId: string; receivedAt: number }> {
    const crisisTeam = await service.as(users.crisisClinician);
    const referral = await service
      .http()
      .post('/referrals')
      .send(referralFor(seed++, { receivingOrganisation: users.crisisClinician.org, urgency: 'crisis' }))
      .expect(201);
    const triaged = await crisisTeam
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'crisis', providingOrganisation: users.crisisClinician.org })
      .expect(200);
    return { episodeId: triaged.body.triage.episodeId as string, receivedAt: Date.parse(referral.body.receivedAt as string) };
  }

  const breachesOf = async (episodeId: string) =>
    (await service.store.readStream(`crisis-timers-${episodeId}`)).map(
      (event): Record<string, unknown> => ({ type: event.type, ...(event.data as Record<string, unknown>) }),
    );

  it('appends one CrisisTimerBreached per timer as each passes unmet, and nothing on repeated runs', async () => {
    const { episodeId, receivedAt } = await openCrisisEpisode();
    // Before 4 hours: nothing has breached.
    expect(await check.runOnce(new Date(Math.max(receivedAt, testNow()) + 3 * HOUR))).toBe(0);
    expect(await breachesOf(episodeId)).toEqual([]);

    const afterFour = new Date(receivedAt + 4 * HOUR + 60_000);
    expect(await check.runOnce(afterFour)).toBe(1);
    expect(await check.runOnce(afterFour)).toBe(0);
    expect(await check.runOnce(new Date(receivedAt + 5 * HOUR))).toBe(0);
    expect(await breachesOf(episodeId)).toEqual([
      expect.objectContaining({
        type: 'CrisisTimerBreached', episodeId, timer: 'assessment', definition: 'crisis-timers/1',
        dueAt: new Date(receivedAt + 4 * HOUR).toISOString(), metAt: null, detectedAt: afterFour.toISOString(),
        providingOrganisationId: users.crisisClinician.org,
      }),
    ]);

    const afterFortyEight = new Date(receivedAt + 48 * HOUR + 60_000);
    expect(await check.runOnce(afterFortyEight)).toBe(1);
    expect(await check.runOnce(new Date(receivedAt + 72 * HOUR))).toBe(0);
    const breaches = await breachesOf(episodeId);
    expect(breaches.map((b) => b['timer'])).toEqual(['assessment', 'rapid-response']);
    expect(breaches[1]).toMatchObject({ dueAt: new Date(receivedAt + 48 * HOUR).toISOString(), metAt: null });
  });

  it('records nothing for timers met in time, and a late first contact as a breach met late', async () => {
    const episodes = service.app.get<CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>>(EPISODE_COMMANDS);
    const attend = async (episodeId: string, at: number) => {
      const { state } = await episodes.load(episodeStreamId(episodeId));
      if (state.status === 'NotOpened') throw new Error('episode not opened');
      await episodes.handle(
        episodeStreamId(episodeId),
        { type: 'RecordFirstTreatmentAppointment', episodeId, appointmentId: `appt-${episodeId}`, at: new Date(at).toISOString(), decidedBy: { userId: 'system:test', organisationId: users.crisisClinician.org, role: 'system' } },
        { metadata: { occurredAt: new Date(at).toISOString(), correlationId: `c-${episodeId}`, causationId: null, actor: { userId: 'system:test', organisationId: users.crisisClinician.org, role: 'system' }, patientSubjectId: state.patientSubjectId } },
      );
    };
    const inTime = await openCrisisEpisode();
    await attend(inTime.episodeId, inTime.receivedAt + 2 * HOUR);
    const late = await openCrisisEpisode();
    await attend(late.episodeId, late.receivedAt + 6 * HOUR);

    await check.runOnce(new Date(Math.max(inTime.receivedAt, late.receivedAt) + 72 * HOUR));
    expect(await breachesOf(inTime.episodeId)).toEqual([]);
    expect(await breachesOf(late.episodeId)).toEqual([
      expect.objectContaining({ timer: 'assessment', metAt: new Date(late.receivedAt + 6 * HOUR).toISOString() }),
    ]);
  });

  it('records no crisis breach for a Talking Therapies episode however long it waits', async () => {
    const referral = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const triaged = await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    const episodeId = triaged.body.triage.episodeId as string;
    await check.runOnce(new Date(testNow() + 30 * 24 * HOUR));
    expect(await breachesOf(episodeId)).toEqual([]);
  });
});
