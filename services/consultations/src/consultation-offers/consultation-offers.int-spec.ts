import { randomUUID } from 'node:crypto';
import { applyCareRelationshipsOfMessage } from '@stepwell/access';
import { type TestUser, users } from '@stepwell/access/testing';
import type { CareThreadFlaggedV1, EpisodeNotOnTrackV1, EpisodeOpenedV1, MeasureRecordedV1 } from '@stepwell/contracts';
import type { IntegrationEvent } from '@stepwell/messaging';
import { OutcomesEventsConsumer } from '../integration/outcomes-events.consumer';
import { ReferralsEventsConsumer } from '../integration/referrals-events.consumer';
import { GP, newPatient, publishOffering, SPECIALIST, startConsultationsTestApp, type ConsultationsTestApp } from '../testing/consultations-test-app';

/** The Talking Therapies service that treats the person (the episode's provider). */
const THERAPIST: TestUser = users.therapist;
const THERAPIST_ADMIN: TestUser = { user: 'u-tt-admin', org: THERAPIST.org, orgType: THERAPIST.orgType, roles: ['admin'] };

function envelope<T>(type: string, source: string, patientSubjectId: string, data: T, messageId = randomUUID()): IntegrationEvent<T> {
  return { messageId, type, version: 1, source, patientSubjectId, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, data };
}

describe('offers of consultation (issue 16 item 7, gap watch)', () => {
  let service: ConsultationsTestApp;
  let referrals: ReferralsEventsConsumer;
  let outcomes: OutcomesEventsConsumer;
  const offerEvents = async () => (await service.allEvents()).filter((e) => e.streamId.startsWith('offer-'));

  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_offers');
    await publishOffering(service);
    referrals = service.app.get(ReferralsEventsConsumer);
    outcomes = service.app.get(OutcomesEventsConsumer);
  });
  afterAll(() => service.close());

  const hoursAgo = (hours: number) => new Date(Date.parse(service.clock.now()) - hours * 3_600_000).toISOString();
  const episodeOpened = (patient: string, episodeId: string) =>
    envelope<EpisodeOpenedV1>('referrals.episode-opened', 'referrals', patient, {
      episodeId,
      referralId: `ref-${episodeId}`,
      step: 'step-3',
      providingOrganisationId: THERAPIST.org,
      urgency: 'routine',
      referredAt: hoursAgo(24 * 60),
      openedAt: hoursAgo(24 * 50),
    });
  const measure = (patient: string, episodeId: string, responseId: string, total: number, daysAgo: number) =>
    envelope<MeasureRecordedV1>('outcomes.measure-recorded', 'outcomes', patient, {
      responseId,
      episodeId,
      appointmentId: null,
      questionnaireCode: 'PHQ-9',
      questionnaireVersion: '1',
      completedBy: 'patient',
      total,
      severityBand: 'moderately-severe',
      atCaseness: true,
      riskSignalled: false,
      takenAt: hoursAgo(24 * daysAgo),
    });
  const notOnTrack = (patient: string, episodeId: string) =>
    envelope<EpisodeNotOnTrackV1>('outcomes.episode-not-on-track', 'outcomes', patient, {
      episodeId,
      ruleSetVersion: 'v1',
      reason: 'no-reliable-improvement',
      attendedTreatmentSessions: 6,
      detectedAt: hoursAgo(1),
    });
  /** As the platform does on consume: the episode's provider is in the person's care from now on (then the consumer runs). */
  const openEpisode = async (patient: string, episodeId: string, event = episodeOpened(patient, episodeId)) => {
    await applyCareRelationshipsOfMessage(service.dataSource.manager, event);
    await referrals.onEpisodeOpened(event);
  };
  const acceptBody = (overrides: Record<string, unknown> = {}) => ({
    consultationService: SPECIALIST.org,
    consent: 'recorded',
    question: 'Six sessions without reliable improvement: what are we missing?',
    context: { history: 'Recurrent depression', currentAndPastTreatment: 'CBT, 6 sessions', medication: 'Sertraline', risk: 'No current risk' },
    urgency: 'routine',
    preferredMode: 'written-advice',
    ...overrides,
  });

  async function offerFor(organisation: TestUser, trigger: string) {
    const page = await (await service.as(organisation)).get('/consultation-offers').query({ organisation: organisation.org }).expect(200);
    return (page.body.items as Array<{ id: string; trigger: string; patientSubjectId: string; status: string; summary: string; measureIds: string[] }>).filter((o) => o.trigger === trigger);
  }

  it('turns episode-not-on-track into one offer in the provider’s worklist, summarised from the episode’s measures, however often it is delivered', async () => {
    const patient = newPatient();
    await openEpisode(patient, 'ep-offer-1');
    const first = measure(patient, 'ep-offer-1', 'resp-1', 18, 42);
    await outcomes.onMeasureRecorded(first);
    await outcomes.onMeasureRecorded(first); // redelivered
    await outcomes.onMeasureRecorded(measure(patient, 'ep-offer-1', 'resp-6', 17, 2));
    const trigger = notOnTrack(patient, 'ep-offer-1');
    await outcomes.onEpisodeNotOnTrack(trigger);
    await outcomes.onEpisodeNotOnTrack(trigger); // the same message again
    await outcomes.onEpisodeNotOnTrack({ ...trigger, messageId: randomUUID() }); // the same trigger published again
    await service.settled();

    const offers = (await offerFor(THERAPIST, 'episode-not-on-track')).filter((o) => o.patientSubjectId === patient);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ status: 'open', summary: 'PHQ-9 18 → 17 over 6 sessions, no reliable improvement — ask a specialist?', measureIds: ['resp-1', 'resp-6'] });
    expect((await offerEvents()).filter((e) => e.type === 'ConsultationOffered' && (e.data as { patientSubjectId: string }).patientSubjectId === patient)).toHaveLength(1);
    // Each person on the page is an audited read.
    expect((await service.allEvents()).some((e) => e.type === 'PatientRecordAccessed' && JSON.stringify(e.data).includes(offers[0]!.id))).toBe(true);
  });

  it('waits for the episode when not-on-track arrives first, then offers it once', async () => {
    const patient = newPatient();
    await outcomes.onEpisodeNotOnTrack(notOnTrack(patient, 'ep-offer-2'));
    await service.settled();
    expect((await offerFor(THERAPIST, 'episode-not-on-track')).filter((o) => o.patientSubjectId === patient)).toHaveLength(0);
    const opened = episodeOpened(patient, 'ep-offer-2');
    await openEpisode(patient, 'ep-offer-2', opened);
    await openEpisode(patient, 'ep-offer-2', opened);
    await service.settled();
    const offers = (await offerFor(THERAPIST, 'episode-not-on-track')).filter((o) => o.patientSubjectId === patient);
    expect(offers).toHaveLength(1);
    expect(offers[0]!.summary).toBe('over 6 sessions, no reliable improvement — ask a specialist?');
  });

  it('accepting creates a consultation request pre-filled with the person and the measures (201, Location); a retry answers the same; nothing else can follow', async () => {
    const patient = newPatient();
    await openEpisode(patient, 'ep-offer-3');
    await outcomes.onMeasureRecorded(measure(patient, 'ep-offer-3', 'resp-3a', 20, 30));
    await outcomes.onMeasureRecorded(measure(patient, 'ep-offer-3', 'resp-3b', 21, 3));
    await outcomes.onEpisodeNotOnTrack(notOnTrack(patient, 'ep-offer-3'));
    await service.settled();
    const [offer] = (await offerFor(THERAPIST, 'episode-not-on-track')).filter((o) => o.patientSubjectId === patient);
    const therapist = await service.as(THERAPIST);
    const before = (await service.allEvents()).filter((e) => /^(offer|consultation)-/.test(e.streamId)).length;
    const nothingWritten = async () => expect((await service.allEvents()).filter((e) => /^(offer|consultation)-/.test(e.streamId))).toHaveLength(before);

    // Refusals write nothing.
    expect((await therapist.post(`/consultation-offers/${offer!.id}/accept`).send(acceptBody({ consultationService: 'ZZZ99' })).expect(422)).body.code).toBe('NO_SUCH_OFFERING');
    expect((await therapist.post(`/consultation-offers/${offer!.id}/accept`).send(acceptBody({ preferredMode: 'video' })).expect(422)).body.code).toBe('MODE_NOT_OFFERED');
    const invalid = await therapist.post(`/consultation-offers/${offer!.id}/accept`).send(acceptBody({ question: '' })).expect(400);
    expect(JSON.stringify(invalid.body)).toContain('question');
    expect((await therapist.post(`/consultation-offers/${offer!.id}/accept`).send(acceptBody({ sharedMeasureIds: ['PHQ-9 was 21'] })).expect(400)).body.status).toBe(400);
    expect((await (await service.as(GP)).post(`/consultation-offers/${offer!.id}/accept`).send(acceptBody()).expect(404)).body.code).toBe('OFFER_NOT_FOUND');
    await therapist.post(`/consultation-offers/${randomUUID()}/accept`).send(acceptBody()).expect(404);
    await (await service.as(THERAPIST_ADMIN)).post(`/consultation-offers/${offer!.id}/accept`).send(acceptBody()).expect(403);
    await therapist.post(`/consultation-offers/${offer!.id}/accept`).set('If-Match', '"7"').send(acceptBody()).expect(412);
    await nothingWritten();

    const accepted = await therapist.post(`/consultation-offers/${offer!.id}/accept`).set('If-Match', '"0"').send(acceptBody()).expect(201);
    expect(accepted.headers['location']).toBe(`/consultations/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({
      requestingOrganisation: THERAPIST.org,
      consultationService: SPECIALIST.org,
      patient: { subjectId: patient, consent: 'recorded' },
      sharedMeasureIds: ['resp-3a', 'resp-3b'],
      status: 'requested',
    });
    const specialist = await service.as(SPECIALIST);
    await specialist.get(`/consultations/${accepted.body.id}`).expect(200);
    const seen = await therapist.get(`/consultation-offers/${offer!.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'accepted', consultationId: accepted.body.id });

    const retry = await therapist.post(`/consultation-offers/${offer!.id}/accept`).send(acceptBody()).expect(201);
    expect(retry.body.id).toBe(accepted.body.id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const events = await service.allEvents();
    expect(events.filter((e) => e.type === 'ConsultationOfferAccepted' && (e.data as { offerId: string }).offerId === offer!.id)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'ConsultationRequested' && (e.data as { consultationId: string }).consultationId === accepted.body.id)).toHaveLength(1);
    expect((await therapist.post(`/consultation-offers/${offer!.id}/dismiss`).send({ reason: 'Changed my mind' }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('offers the referring practice a consultation for a care thread refused twice in 90 days; dismissing needs a reason and is an event', async () => {
    const patient = newPatient();
    const flag = envelope<CareThreadFlaggedV1>('referrals.care-thread-flagged', 'referrals', patient, {
      threadId: `thread-${randomUUID()}`,
      referringOrganisationId: GP.org,
      refusingOrganisationIds: [THERAPIST.org, 'RXX01'],
      refusalCount: 2,
      riskIndicated: false,
      flaggedAt: hoursAgo(2),
    });
    await referrals.onCareThreadFlagged(flag);
    await referrals.onCareThreadFlagged({ ...flag, messageId: randomUUID() });
    await service.settled();
    const offers = (await offerFor(GP, 'care-thread-flagged')).filter((o) => o.patientSubjectId === patient);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ status: 'open', summary: 'Refused by 2 services within 90 days — ask for a consultation or an MDT discussion?', measureIds: [] });
    const id = offers[0]!.id;
    const gp = await service.as(GP);
    const before = (await offerEvents()).length;

    expect(JSON.stringify((await gp.post(`/consultation-offers/${id}/dismiss`).send({}).expect(400)).body)).toContain('reason');
    expect((await gp.post(`/consultation-offers/${id}/dismiss`).send({ reason: '   ' }).expect(400)).body.code).toBe('INVALID_TEXT');
    await (await service.as(THERAPIST)).post(`/consultation-offers/${id}/dismiss`).send({ reason: 'Not ours' }).expect(404);
    expect((await (await service.as(THERAPIST)).get('/consultation-offers').query({ organisation: GP.org }).expect(403)).body.code).toBe('OTHER_ORGANISATION');
    expect(await offerEvents()).toHaveLength(before);

    const dismissed = await gp.post(`/consultation-offers/${id}/dismiss`).send({ reason: 'Discussed at the practice meeting; seen by the crisis team' }).expect(200);
    expect(dismissed.body).toMatchObject({ id, status: 'dismissed' });
    await gp.post(`/consultation-offers/${id}/dismiss`).send({ reason: 'Discussed at the practice meeting; seen by the crisis team' }).expect(200);
    expect((await offerEvents()).filter((e) => e.type === 'ConsultationOfferDismissed')).toHaveLength(1);
    expect((await gp.post(`/consultation-offers/${id}/accept`).send(acceptBody()).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await gp.get('/consultation-offers').query({ organisation: GP.org, status: 'dismissed' }).expect(200)).body.items.map((o: { id: string }) => o.id)).toContain(id);
    // The reason is sealed with the person's key: not in the event store's rows in clear.
    const raw = (await service.dataSource.query(`SELECT data::text AS data FROM "consultations_events"."events" WHERE type = 'ConsultationOfferDismissed'`)) as Array<{ data: string }>;
    expect(raw.length).toBe(1);
    expect(raw[0]!.data).not.toContain('practice meeting');
  });
});
