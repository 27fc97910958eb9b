import { type TestUser, users } from '@stepwell/access/testing';
import type { Clock } from '@stepwell/http';
import { addYears } from '@stepwell/personal-data';
import { londonDateOf } from '../domain/care-episode/london-date';
import { ConsultationsEventsConsumer } from '../integration/consultations-events.consumer';
import { consultationsEnvelope } from '../testing/known-consultation';
import { AppointmentAttendedV1Contract, MeasureRecordedV1Contract, SocialPrescriptionAcceptedV1Contract, type ConsultationRequestedV1, type MdtCaseDiscussedV1 } from '@stepwell/contracts';
import { DataSource } from 'typeorm';
import { OutcomesEventsConsumer } from '../integration/outcomes-events.consumer';
import { createIntegrationEvent } from '@stepwell/messaging';
import { DirectoryEventsConsumer } from '../integration/directory-events.consumer';
import { SchedulingEventsConsumer } from '../integration/scheduling-events.consumer';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

const officer = users.therapyPrivacyOfficer;
const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const strangerOfficer: TestUser = { user: 'u-privacy-stranger', org: 'RZZ99', orgType: 'talking-therapies', roles: ['privacy-officer'] };

/**
 * Issue 15 item 3 through the API: the period runs from the last contact (20 years; 10 after death, the later), open
 * care never falls due, a legal hold stops destruction, an extension moves the end, and a destroy review erases the
 * person by shredding. The service's clock is moved decades ahead instead of waiting for them.
 */
describe('retention of the record: due list, date of death, legal holds, reviews', () => {
  let service: ReferralsTestApp;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs).toISOString() };
  const today = () => londonDateOf(clock.now());
  /** Moves the service's clock so that its London date is `date` (at noon UTC, far from midnight in any season). */
  const moveTo = (date: string) => {
    offsetMs = Date.parse(`${date}T12:00:00Z`) - Date.now();
  };
  let seed = 8300;

  beforeAll(async () => {
    service = await startReferralsTestApp('retention', {}, {}, { clock });
  });
  afterAll(() => service.close());
  beforeEach(() => {
    offsetMs = 0;
  });

  /** A person referred to RXT01, accepted and (unless `open`) discharged today: their last contact is today. */
  async function personCaredFor(open = false): Promise<{ patientId: string; referralId: string }> {
    const referred = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const therapist = await service.as(users.therapist);
    const triaged = await therapist
      .post(`/referrals/${referred.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    if (!open) await therapist.post(`/episodes/${triaged.body.triage.episodeId as string}/discharge`).send({ reason: 'completed' }).expect(200);
    return { patientId: referred.body.patientSubjectId as string, referralId: referred.body.id as string };
  }

  const retentionEvents = async (patientId: string) => (await service.store.readStream(`retention-${patientId}`)).map((event) => event.type);
  const dueIds = async () => {
    const page = await (await service.as(officer)).get('/retention/due?organisation=RXT01&pageSize=200').expect(200);
    return (page.body.items as Array<{ id: string }>).map((item) => item.id);
  };

  it('starts the period at the last contact: open care never falls due; a discharged person falls due 20 years on, not a day before', async () => {
    const open = await personCaredFor(true);
    const { patientId } = await personCaredFor();
    const started = today();
    const as = await service.as(officer);

    const openView = await as.get(`/patients/${open.patientId}/retention`).expect(200);
    // Nothing recorded yet: no revision, so no ETag (not a content hash that If-Match would refuse).
    expect(openView.headers['etag']).toBeUndefined();
    expect(openView.body).toMatchObject({ inCare: true, dueOn: null, due: false, recordClass: 'mental-health' });
    const view = await as.get(`/patients/${patientId}/retention`).expect(200);
    expect(view.body).toMatchObject({ inCare: false, lastContactOn: started, dueOn: addYears(started, 20), basis: 'last-contact', due: false, legalHolds: [], reviews: [] });
    expect(view.body.source).toContain('Records Management Code of Practice');

    moveTo(dayBefore(addYears(started, 20)));
    expect(await dueIds()).not.toContain(patientId);
    moveTo(addYears(started, 20));
    expect(await dueIds()).toContain(patientId);
    expect(await dueIds()).not.toContain(open.patientId);
  });

  it('refuses a review before the period ends, writing nothing; holds stop destruction; an extension moves the end; destruction erases by shredding', async () => {
    const { patientId, referralId } = await personCaredFor();
    const started = today();
    const as = await service.as(officer);

    const early = await as.post(`/patients/${patientId}/retention/reviews`).send({ decision: 'destroy', reason: 'Period ended, nothing to keep' }).expect(409);
    expect(early.body).toMatchObject({ code: 'RETENTION_NOT_DUE' });
    expect(await retentionEvents(patientId)).toEqual([]);

    const held = await as.post(`/patients/${patientId}/retention/legal-holds`).set('Idempotency-Key', 'hold-claim-1').send({ reason: 'Claim CL-7 pending' }).expect(201);
    const holdId = (held.body.legalHolds as Array<{ holdId: string }>)[0]?.holdId as string;
    expect(held.headers['location']).toBe(`/patients/${patientId}/retention`);
    await as.post(`/patients/${patientId}/retention/legal-holds`).set('Idempotency-Key', 'hold-claim-1').send({ reason: 'Claim CL-7 pending' }).expect(201);
    expect(await retentionEvents(patientId)).toEqual(['LegalHoldPlaced']);

    moveTo(addYears(started, 20));
    const refused = await as.post(`/patients/${patientId}/retention/reviews`).send({ decision: 'destroy', reason: 'Period ended, nothing to keep' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'LEGAL_HOLD_ACTIVE' });
    await as.post(`/patients/${patientId}/retention/legal-holds/${holdId}/lift`).send({ reason: 'Claim CL-7 settled' }).expect(200);

    const badExtension = await as.post(`/patients/${patientId}/retention/reviews`).send({ decision: 'extend', reason: 'Inquiry may follow', extendUntil: today() }).expect(400);
    expect(JSON.stringify(badExtension.body)).toContain('extendUntil');
    const extended = await as
      .post(`/patients/${patientId}/retention/reviews`)
      .send({ decision: 'extend', reason: 'Inquiry may follow', extendUntil: addYears(today(), 1) })
      .expect(200);
    expect(extended.body).toMatchObject({ dueOn: addYears(today(), 1), basis: 'extension', due: false });
    expect(await dueIds()).not.toContain(patientId);

    moveTo(addYears(addYears(started, 20), 1));
    expect(await dueIds()).toContain(patientId);
    const destroyed = await as.post(`/patients/${patientId}/retention/reviews`).set('Idempotency-Key', 'review-final').send({ decision: 'destroy', reason: 'Extended period ended, no hold' }).expect(200);
    expect(destroyed.body).toMatchObject({ destroyedAt: expect.any(String), erasureId: expect.any(String) });
    expect(await retentionEvents(patientId)).toEqual(['LegalHoldPlaced', 'LegalHoldLifted', 'RetentionReviewed', 'RetentionReviewed']);
    const erasure = await service.store.readStream(`erasure-${patientId}`);
    expect(erasure[0]).toMatchObject({ type: 'PatientErasureDecided', data: { lawfulBasis: 'art17-1a-no-longer-necessary' } });
    const referral = await (await service.as(users.therapist)).get(`/referrals/${referralId}`).expect(200);
    expect(JSON.stringify(referral.body)).toContain('[erased]');
    expect(await dueIds()).not.toContain(patientId);
    // A retry of the same review answers as before; any other decision is too late.
    await as.post(`/patients/${patientId}/retention/reviews`).set('Idempotency-Key', 'review-final').send({ decision: 'destroy', reason: 'Extended period ended, no hold' }).expect(200);
    const late = await as.post(`/patients/${patientId}/retention/legal-holds`).send({ reason: 'A claim after destruction' }).expect(409);
    expect(late.body).toMatchObject({ code: 'RECORD_DESTROYED' });
  });

  it('keeps the record 10 years after death when that ends later than 20 years after the last contact', async () => {
    const { patientId } = await personCaredFor();
    const started = today();
    const as = await service.as(officer);
    moveTo(addYears(started, 15));
    const died = await as.post(`/patients/${patientId}/retention/date-of-death`).send({ diedOn: today(), source: 'personal-demographics-service' }).expect(200);
    expect(died.body).toMatchObject({ diedOn: today(), dueOn: addYears(today(), 10), basis: 'death' });
    moveTo(addYears(started, 20));
    expect(await dueIds()).not.toContain(patientId);
    moveTo(addYears(addYears(started, 15), 10));
    expect(await dueIds()).toContain(patientId);
  });

  it('keeps two people’s reviews apart when one Idempotency-Key is reused for both', async () => {
    const first = await personCaredFor();
    const second = await personCaredFor();
    const as = await service.as(officer);
    moveTo(addYears(today(), 20));
    const key = 'review-batch-1';
    const one = await as.post(`/patients/${first.patientId}/retention/reviews`).set('Idempotency-Key', key).send({ decision: 'destroy', reason: 'Period ended, nothing to keep' }).expect(200);
    const two = await as.post(`/patients/${second.patientId}/retention/reviews`).set('Idempotency-Key', key).send({ decision: 'destroy', reason: 'Period ended, nothing to keep' }).expect(200);
    const reviewIdOf = (body: { reviews: Array<{ reviewId: string }> }) => body.reviews[0]?.reviewId;
    expect(reviewIdOf(one.body)).toEqual(expect.any(String));
    expect(reviewIdOf(two.body)).not.toBe(reviewIdOf(one.body));
    expect(one.body.erasureId).not.toBe(two.body.erasureId);
    expect((await service.store.readStream(`erasure-${second.patientId}`))[0]).toMatchObject({ type: 'PatientErasureDecided' });
  });

  it('judges a review against the period as it stands: a stale If-Match is refused and nothing is written', async () => {
    const { patientId } = await personCaredFor();
    const as = await service.as(officer);
    const hold = await as.post(`/patients/${patientId}/retention/legal-holds`).send({ reason: 'Complaint under review' }).expect(201);
    const holdId = (hold.body.legalHolds as Array<{ holdId: string }>)[0]?.holdId as string;
    await as.post(`/patients/${patientId}/retention/legal-holds/${holdId}/lift`).send({ reason: 'Complaint closed' }).expect(200);
    moveTo(addYears(today(), 20));
    const before = await as.get(`/patients/${patientId}/retention`).expect(200);
    expect(before.body).toMatchObject({ basis: 'last-contact', due: true });
    await as.post(`/patients/${patientId}/retention/date-of-death`).send({ diedOn: today(), source: 'gp-record' }).expect(200);
    // The reviewer saw the record before the death was recorded: the period they judged has moved on.
    await as
      .post(`/patients/${patientId}/retention/reviews`)
      .set('If-Match', before.headers['etag'] as string)
      .send({ decision: 'destroy', reason: 'Period ended, nothing to keep' })
      .expect(412);
    expect(await retentionEvents(patientId)).toEqual(['LegalHoldPlaced', 'LegalHoldLifted', 'DateOfDeathRecorded']);
    const after = await as.get(`/patients/${patientId}/retention`).expect(200);
    expect(after.body).toMatchObject({ basis: 'death', due: false });
  });

  it('counts a later consultation about the person as a contact (H-RT2): the period runs from it, not from the discharge', async () => {
    const { patientId } = await personCaredFor();
    const started = today();
    const as = await service.as(officer);
    moveTo(addYears(started, 5));
    const askedOn = today();
    await service.app.get(ConsultationsEventsConsumer).onRequested(
      consultationsEnvelope<ConsultationRequestedV1>('consultations.consultation-requested', patientId, {
        consultationId: `c-${seed++}`,
        requestingOrganisationId: 'A81001',
        consultationServiceId: 'RCR01',
        urgency: 'routine',
        patientIdentified: true,
        requestedAt: clock.now(),
      }),
    );
    const view = await as.get(`/patients/${patientId}/retention`).expect(200);
    expect(view.body).toMatchObject({ lastContactOn: askedOn, dueOn: addYears(askedOn, 20), basis: 'last-contact' });
    moveTo(addYears(started, 20));
    expect(await dueIds()).not.toContain(patientId);
    moveTo(addYears(askedOn, 20));
    expect(await dueIds()).toContain(patientId);
  });

  it('counts a later MDT case discussion about the person as a contact, at the boundary and once per message (H-RT2, H-MF2)', async () => {
    const { patientId } = await personCaredFor();
    const started = today();
    const as = await service.as(officer);
    moveTo(addYears(started, 4));
    const discussedOn = today();
    // A decision that asks referrals for nothing (no referral, no step change): the discussion alone is the contact.
    const discussed = consultationsEnvelope<MdtCaseDiscussedV1>('consultations.mdt-case-discussed', patientId, {
      meetingId: `m-${seed++}`,
      caseId: `case-${seed++}`,
      hostOrganisationId: 'RCR01',
      presentingOrganisationId: 'A81001',
      decision: 'manage-in-primary-care',
      discussedAt: clock.now(),
    });
    const consumer = service.app.get(ConsultationsEventsConsumer);
    await consumer.onMdtCaseDiscussed(discussed);
    await consumer.onMdtCaseDiscussed(discussed);
    const view = await as.get(`/patients/${patientId}/retention`).expect(200);
    expect(view.body).toMatchObject({ lastContactOn: discussedOn, dueOn: addYears(discussedOn, 20), basis: 'last-contact' });
    expect(await service.app.get(DataSource).query(`SELECT 1 FROM "referrals"."known_mdt_cases" WHERE patient_subject_id = $1`, [patientId])).toHaveLength(1);
    expect(await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE message_id = $1`, [discussed.messageId])).toEqual([{ n: 1 }]);
    moveTo(addYears(started, 20));
    expect(await dueIds()).not.toContain(patientId);
    moveTo(dayBefore(addYears(discussedOn, 20)));
    expect(await dueIds()).not.toContain(patientId);
    moveTo(addYears(discussedOn, 20));
    expect(await dueIds()).toContain(patientId);
  });

  it('counts contacts other services report (an attended appointment, a social prescription accepted), so the period runs from the latest (H-RT2)', async () => {
    const { patientId } = await personCaredFor();
    const started = today();
    const as = await service.as(officer);
    const envelope = { patientSubjectId: patientId, correlationId: `c-${seed}`, causationId: null };
    moveTo(addYears(started, 3));
    const reviewedOn = today();
    const attended = createIntegrationEvent(
      AppointmentAttendedV1Contract,
      { appointmentId: `a-${seed++}`, episodeId: `e-${seed}`, organisationId: 'RXT01', purpose: 'review', startsAt: clock.now(), durationMinutes: 30, isTreatment: false, attendedAt: clock.now() },
      { ...envelope, occurredAt: clock.now() },
    );
    await service.app.get(SchedulingEventsConsumer).onAttended(attended);
    await service.app.get(SchedulingEventsConsumer).onAttended(attended);
    expect((await as.get(`/patients/${patientId}/retention`).expect(200)).body).toMatchObject({ lastContactOn: reviewedOn, dueOn: addYears(reviewedOn, 20) });

    moveTo(addYears(started, 6));
    const acceptedOn = today();
    await service.app.get(DirectoryEventsConsumer).onSocialPrescriptionAccepted(
      createIntegrationEvent(
        SocialPrescriptionAcceptedV1Contract,
        { prescriptionId: `sp-${seed++}`, linkWorkerOrganisationId: 'RXT01', serviceId: 'svc-1', communityOrganisationId: 'VS0042', acceptedAt: clock.now() },
        { ...envelope, occurredAt: clock.now() },
      ),
    );
    // An older report arriving late moves nothing back.
    await service.app.get(SchedulingEventsConsumer).onAttended(attended);
    expect((await as.get(`/patients/${patientId}/retention`).expect(200)).body).toMatchObject({ lastContactOn: acceptedOn, dueOn: addYears(acceptedOn, 20) });
    moveTo(addYears(reviewedOn, 20));
    expect(await dueIds()).not.toContain(patientId);
  });

  it('counts a measure recorded in outcomes as a contact, at the boundary and once per message (H-RT2)', async () => {
    const { patientId } = await personCaredFor();
    const started = today();
    const as = await service.as(officer);
    const measure = () =>
      createIntegrationEvent(
        MeasureRecordedV1Contract,
        {
          responseId: `r-${seed++}`,
          episodeId: `e-${seed}`,
          appointmentId: null,
          questionnaireCode: 'PHQ-9',
          questionnaireVersion: '1',
          completedBy: 'patient',
          total: 9,
          severityBand: 'mild',
          atCaseness: false,
          riskSignalled: false,
          takenAt: clock.now(),
        },
        { patientSubjectId: patientId, occurredAt: clock.now(), correlationId: `c-${seed}`, causationId: null },
      );
    const consumer = service.app.get(OutcomesEventsConsumer);
    // Without the measure, the period ends 20 years after the care.
    const before = (await as.get(`/patients/${patientId}/retention`).expect(200)).body as { lastContactOn: string; dueOn: string };
    // A questionnaire completed outside any appointment, 7 years on (no other service saw the person).
    moveTo(addYears(started, 7));
    const measuredOn = today();
    const taken = measure();
    await consumer.onMeasureRecorded(taken);
    await consumer.onMeasureRecorded(taken);
    expect(before.lastContactOn < measuredOn).toBe(true);
    expect((await as.get(`/patients/${patientId}/retention`).expect(200)).body).toMatchObject({ lastContactOn: measuredOn, dueOn: addYears(measuredOn, 20) });
    const inbox = await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE message_id = $1`, [taken.messageId]);
    expect(inbox[0].n).toBe(1);
    // The day the old period would have ended, and the day before the new one ends: not due.
    moveTo(before.dueOn);
    expect(await dueIds()).not.toContain(patientId);
    moveTo(dayBefore(addYears(measuredOn, 20)));
    expect(await dueIds()).not.toContain(patientId);
    // The day the new period ends: due.
    moveTo(addYears(measuredOn, 20));
    expect(await dueIds()).toContain(patientId);
    // A message naming nobody changes nothing.
    await consumer.onMeasureRecorded({ ...measure(), patientSubjectId: null });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { patientId } = await personCaredFor();
    const as = await service.as(officer);
    const future = await as.post(`/patients/${patientId}/retention/date-of-death`).send({ diedOn: addYears(today(), 1), source: 'gp-record' }).expect(400);
    expect(JSON.stringify(future.body)).toContain('diedOn');
    const malformed = await as.post(`/patients/${patientId}/retention/date-of-death`).send({ diedOn: '03/02/2030', source: 'rumour' }).expect(400);
    expect(JSON.stringify(malformed.body)).toContain('diedOn');
    expect(JSON.stringify(malformed.body)).toContain('source');
    await as.post(`/patients/${patientId}/retention/legal-holds`).send({ reason: 'short' }).expect(400);
    await as.post(`/patients/${patientId}/retention/legal-holds/${'0'.repeat(8)}-0000-4000-8000-000000000000/lift`).send({ reason: 'Lifting a hold never placed' }).expect(404);
    await as.post(`/patients/${patientId}/retention/reviews`).send({ decision: 'shred-now', reason: 'Hostile decision value' }).expect(400);
    expect(await retentionEvents(patientId)).toEqual([]);
  });

  it('answers a stranger organisation’s privacy officer 404 and other roles 403; the due list is the caller’s own organisation’s', async () => {
    const { patientId } = await personCaredFor();
    const stranger = await service.as(strangerOfficer);
    await stranger.get(`/patients/${patientId}/retention`).expect(404);
    await stranger.post(`/patients/${patientId}/retention/legal-holds`).send({ reason: 'A stranger’s hold on a record' }).expect(404);
    await (await service.as(users.therapist)).get(`/patients/${patientId}/retention`).expect(403);
    await (await service.as(users.therapist)).get('/retention/due?organisation=RXT01').expect(403);
    await stranger.get('/retention/due?organisation=RXT01').expect(403);
    moveTo(addYears(today(), 20));
    const ownList = await stranger.get('/retention/due?organisation=RZZ99').expect(200);
    expect(ownList.body).toMatchObject({ items: [], total: 0 });
    await service.anonymous().get(`/patients/${patientId}/retention`).expect(401);
    expect(await retentionEvents(patientId)).toEqual([]);
  });

  it('audits every answer that names the person', async () => {
    const { patientId } = await personCaredFor();
    await (await service.as(officer)).get(`/patients/${patientId}/retention`).expect(200);
    const access = (await service.allEvents()).filter(
      (event) => event.type === 'PatientRecordAccessed' && (event.data as { resource?: string; patientSubjectId?: string }).resource === 'retention',
    );
    expect(access.some((event) => JSON.stringify(event).includes(patientId))).toBe(true);
  });
});
