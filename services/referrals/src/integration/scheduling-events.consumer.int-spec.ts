import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import type { AppointmentAttendedV1, EngagementReviewNeededV1 } from '@stepwell/contracts';
import type { IntegrationEvent } from '@stepwell/messaging';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { SchedulingEventsConsumer } from './scheduling-events.consumer';

describe('scheduling events consumed by the care episode', () => {
  let service: ReferralsTestApp;
  let consumer: SchedulingEventsConsumer;
  beforeAll(async () => {
    service = await startReferralsTestApp('scheduling_consumer');
    consumer = service.app.get(SchedulingEventsConsumer);
  });
  afterAll(() => service.close());

  async function openEpisode(seed: number): Promise<{ episodeId: string; patientSubjectId: string }> {
    const referral = await service.http().post('/referrals').send(referralFor(seed)).expect(201);
    const triaged = await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    return { episodeId: triaged.body.triage.episodeId as string, patientSubjectId: referral.body.patientSubjectId as string };
  }

  const envelope = <D>(type: string, patientSubjectId: string, data: D): IntegrationEvent<D> => ({
    messageId: randomUUID(),
    type,
    version: 1,
    source: 'scheduling',
    patientSubjectId,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    data,
  });

  const attended = (episodeId: string, patientSubjectId: string, isTreatment: boolean, startsAt = new Date().toISOString()) =>
    envelope<AppointmentAttendedV1>('scheduling.appointment-attended', patientSubjectId, {
      appointmentId: randomUUID(),
      episodeId,
      organisationId: 'RXT01',
      purpose: isTreatment ? 'treatment' : 'assessment',
      startsAt,
      durationMinutes: 50,
      isTreatment,
      attendedAt: startsAt,
    } as AppointmentAttendedV1);

  it('stops the waiting clock at the first attended treatment appointment, once, however often the message arrives', async () => {
    const { episodeId, patientSubjectId } = await openEpisode(1);
    const therapist = await service.as(users.therapist);
    await consumer.onAttended(attended(episodeId, patientSubjectId, false));
    expect((await therapist.get(`/episodes/${episodeId}`).expect(200)).body.waitingClock.running).toBe(true);

    const first = attended(episodeId, patientSubjectId, true);
    await consumer.onAttended(first);
    await consumer.onAttended(first);
    const episode = await therapist.get(`/episodes/${episodeId}`).expect(200);
    expect(episode.body.status).toBe('InTreatment');
    expect(episode.body.waitingClock).toMatchObject({ running: false, stoppedBy: 'first-attended-treatment-appointment' });
    const recorded = (await service.store.readStream(`episode-${episodeId}`)).filter((e) => e.type === 'FirstTreatmentAppointmentRecorded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ metadata: { causationId: first.messageId, actor: { userId: 'svc-scheduling', role: 'service' } } });
    // A later treatment appointment is not the first: passed over, nothing written.
    const before = await service.store.readStream(`episode-${episodeId}`);
    await consumer.onAttended(attended(episodeId, patientSubjectId, true));
    expect(await service.store.readStream(`episode-${episodeId}`)).toEqual(before);
  });

  it('flags the episode for clinical review on an engagement review, never discharging it', async () => {
    const { episodeId, patientSubjectId } = await openEpisode(2);
    await consumer.onEngagementReview(
      envelope<EngagementReviewNeededV1>('scheduling.engagement-review-needed', patientSubjectId, {
        episodeId,
        organisationId: 'RXT01',
        consecutiveMissed: 2,
        raisedAt: new Date().toISOString(),
      } as EngagementReviewNeededV1),
    );
    const types = (await service.store.readStream(`episode-${episodeId}`)).map((e) => e.type);
    expect(types).toEqual(['EpisodeOpened', 'EpisodeFlaggedForClinicalReview']);
    const episode = await (await service.as(users.therapist)).get(`/episodes/${episodeId}`).expect(200);
    expect(episode.body.status).toBe('Waiting');
    expect(episode.body.reviewFlags).toEqual([
      expect.objectContaining({ reason: 'missed-appointments', missedAppointments: 2, organisationId: 'RXT01' }),
    ]);
  });

  it('passes over a message about an episode this service never opened', async () => {
    await expect(consumer.onAttended(attended(randomUUID(), 'p-unknown', true))).resolves.toBeUndefined();
  });
});
