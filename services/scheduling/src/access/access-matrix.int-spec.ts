import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  applyCareRelationshipEvent,
  type CareRelationshipParticipant,
  ORGANISATION_TYPES,
  type OrganisationType,
  type RelationshipKind,
} from '@stepwell/access';
import {
  describeMatrixReport,
  enumerateCombinations,
  type MatrixFixture,
  type MatrixRoute,
  policyRoleClasses,
  runAccessMatrixOverHttp,
} from '@stepwell/access/testing';
import { EpisodeStepChangedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import { provideEpisode, startSchedulingTestApp, type SchedulingTestApp } from '../testing/scheduling-test-app';

/**
 * Issue 10: scheduling's routes that return or change one patient's data, every organisation type × role ×
 * relationship state × target × break-glass, against what `ACCESS_POLICY` says (the library's oracle, never the guard).
 * Writes carry a stale If-Match: an allowed write is decided, then refused 412, nothing written. The organisation's own
 * worklists (waiting list, follow-up tasks, engagement reviews, refill offers) name no record: each item is decided by
 * the same `record.read` cell. A contact attempt and accepting a refill offer take no If-Match, so an allowed one would
 * write: their `record.change` refusals (404 stranger, 403 related) are proven by follow-up.int-spec and
 * refill-offers.int-spec, not here.
 */
const STALE = { 'If-Match': '"999"' };
const ROUTES: MatrixRoute[] = [
  { name: 'GET /appointments/{id}', action: 'record.read', method: 'get', targetIdKind: 'appointment', targets: ['own', 'other'], path: (id) => `/appointments/${id}`, allowedStatus: 200 },
  // Reschedule and attendance carry the same decorator as cancel (`AppointmentChange`): one of the three stands for them.
  { name: 'POST /appointments/{id}/cancel', action: 'record.change', method: 'post', targetIdKind: 'appointment', targets: ['own', 'other'], path: (id) => `/appointments/${id}/cancel`, body: { cancelledBy: 'patient', reason: 'patient-request' }, headers: STALE, allowedStatus: 412 },
  { name: 'GET /patients/{id}/appointments', action: 'patient.records', method: 'get', targetIdKind: 'patient', targets: ['own'], path: (id) => `/patients/${id}/appointments`, allowedStatus: 200 },
];

/**
 * The relationship states under test. `record-holder`: the organisation holds the person's appointment, task and
 * offer and nothing else; `patient-care`: a legacy patient-wide row. Scheduling never learns consent to share, so a
 * provider's view of the person's OTHER episode is always the "no consent" case.
 */
const KINDS: readonly RelationshipKind[] = [
  'none',
  'provider-current',
  'provider-past',
  'provider-expired',
  'record-holder',
  'referrer',
  'receiving',
  'voluntary-sector-prescription',
  'patient-care',
];
const OTHER_PROVIDER = 'MXSO01';
const DAY = 86_400_000;

describe('the generated access matrix of the scheduling service (real PostgreSQL, over HTTP)', () => {
  let service: SchedulingTestApp;
  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_access_matrix');
  }, 120_000);
  afterAll(() => service.close());

  /** The records scheduling holds for one person: an appointment, a follow-up task and a refill offer, in one episode. */
  async function records(patient: string, episodeId: string, holder: string): Promise<{ appointment: string; task: string; offer: string }> {
    const ids = { appointment: `a-${randomUUID()}`, task: `t-${randomUUID()}`, offer: `o-${randomUUID()}` };
    const startsAt = new Date(Date.now() + 7 * DAY);
    // Seeded as the projection writes them: the access decision reads only these rows.
    await service.dataSource.query(
      `INSERT INTO "scheduling"."appointments" (appointment_id, slot_id, patient_subject_id, episode_id, clinician_id, organisation_id, purpose, mode,
         starts_at, ends_at, status, booked_at, last_position)
       VALUES ($1, $2, $3, $4, 'c-mx', $5, 'treatment', 'telephone', $6, $7, 'booked', now(), 0)`,
      [ids.appointment, `s-${randomUUID()}`, patient, episodeId, holder, startsAt, new Date(startsAt.getTime() + 1_800_000)],
    );
    await service.dataSource.query(
      `INSERT INTO "scheduling"."follow_up_tasks" (task_id, episode_id, patient_subject_id, organisation_id, appointment_id, due_on, status, created_at, last_position)
       VALUES ($1, $2, $3, $4, $5, current_date + 2, 'open', now(), 0)`,
      [ids.task, episodeId, patient, holder, ids.appointment],
    );
    await service.dataSource.query(
      `INSERT INTO "scheduling"."refill_offers" (offer_id, slot_id, organisation_id, episode_id, patient_subject_id, status, offered_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'offered', now(), now() + interval '30 minutes')`,
      [ids.offer, `s-${randomUUID()}`, holder, episodeId, patient],
    );
    return ids;
  }

  const relate = (patient: string, participant: CareRelationshipParticipant) =>
    applyCareRelationshipEvent(service.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.matrix.v1',
      patientSubjectId: patient,
      occurredAt: new Date().toISOString(),
      participants: [participant],
    });

  /** The provider moving the episode on to another organisation (`endedDaysAgo`): the referrals service's step change. */
  async function stepAway(patient: string, episodeId: string, from: string, endedDaysAgo: number): Promise<void> {
    const changedAt = new Date(Date.now() - endedDaysAgo * DAY).toISOString();
    await service.app.get(EpisodesConsumer).onStepChanged(
      createIntegrationEvent(
        EpisodeStepChangedV1Contract,
        {
          episodeId,
          fromStep: 'step-2',
          toStep: 'step-3',
          fromOrganisationId: from,
          toOrganisationId: OTHER_PROVIDER,
          direction: 'up',
          changedAt,
        },
        { patientSubjectId: patient, occurredAt: changedAt, correlationId: 'c-matrix', causationId: null },
      ),
    );
  }

  /** One person, built so that organisation `org` (of `type`) has `kind` with the person's "own" episode and records. */
  async function build(kind: RelationshipKind, type: OrganisationType, index: number): Promise<MatrixFixture> {
    const org = `MXS${String(index).padStart(3, '0')}`;
    const patient = `p-mx-${randomUUID()}`;
    const own = `e-mx-${randomUUID()}`;
    const other = `e-mx-${randomUUID()}`;
    const provides = kind === 'provider-current' || kind === 'provider-past' || kind === 'provider-expired';
    // The person's other episode, provided by another organisation throughout.
    await provideEpisode(service, { episodeId: other, patientSubjectId: patient, organisation: OTHER_PROVIDER });
    const referredAt = new Date(Date.now() - 200 * DAY).toISOString();
    await provideEpisode(service, { episodeId: own, patientSubjectId: patient, organisation: provides ? org : OTHER_PROVIDER, referredAt });
    if (kind === 'provider-past') await stepAway(patient, own, org, 1);
    if (kind === 'provider-expired') await stepAway(patient, own, org, 100);
    if (kind === 'referrer') await relate(patient, { organisationId: org, reason: 'referrer', scope: `referral:ref-${own}` });
    if (kind === 'receiving') await relate(patient, { organisationId: org, reason: 'receiving-service', scope: `referral:ref-${own}` });
    if (kind === 'voluntary-sector-prescription') await relate(patient, { organisationId: org, reason: 'social-prescription-organisation', scope: `episode:${own}` });
    if (kind === 'patient-care') await relate(patient, { organisationId: org, reason: 'step-provider' });
    // The own records are held by the organisation under test only when that is the relationship under test, so a
    // provider's access rests on providing, not on holding; the other episode's are held by its provider.
    const mine = await records(patient, own, kind === 'record-holder' ? org : OTHER_PROVIDER);
    const theirs = await records(patient, other, OTHER_PROVIDER);
    const ownIds = new Set(Object.values(mine));
    const otherIds = new Set(Object.values(theirs));
    const kindsOf = (id: string): RelationshipKind[] => {
      if (id === patient) {
        // The whole person: any scoped row counts; holding records names no one on the person as a whole.
        return kind === 'none' || kind === 'record-holder' ? [] : [kind];
      }
      if (ownIds.has(id)) return kind === 'none' ? [] : [kind];
      if (otherIds.has(id)) {
        // A current or past provider of the own episode is a provider of another episode here (consent unknown: none).
        if (kind === 'provider-current' || kind === 'provider-past') return ['provider-other-episode'];
        return kind === 'patient-care' ? ['patient-care'] : [];
      }
      throw new Error(`unknown id ${id}`);
    };
    return {
      kind,
      organisationType: type,
      organisationId: org,
      consentToShare: false,
      kindsOf,
      awaitingTriage: () => false,
      ids: {
        appointment: { own: mine.appointment, other: theirs.appointment },
        patient: { own: patient, other: patient },
      },
    };
  }

  it(
    'finds 0 false allows and 0 false denies over every organisation type × role class × relationship state × route × target × break-glass, each refusal writing one AccessRefused and nothing else',
    async () => {
      const started = Date.now();
      const pairs = KINDS.flatMap((kind) => ORGANISATION_TYPES.map((type) => [kind, type] as const));
      const fixtures: MatrixFixture[] = [];
      for (let i = 0; i < pairs.length; i += 8) {
        fixtures.push(...(await Promise.all(pairs.slice(i, i + 8).map(([kind, type], j) => build(kind, type, i + j)))));
      }
      const combinations = enumerateCombinations(fixtures, ROUTES, policyRoleClasses());
      const report = await runAccessMatrixOverHttp(
        { server: service.app.getHttpServer() as Server, store: service.store, bearer: (who) => service.issuer.bearer(who) },
        combinations,
      );
      console.log(describeMatrixReport('scheduling', report, fixtures.length, (Date.now() - started) / 1000));
      expect(report.mismatches).toEqual([]);
      expect(report.falseAllows).toBe(0);
      expect(report.falseDenies).toBe(0);
      // Every outcome the policy can give is exercised, not just refusals.
      expect(Math.min(report.allowed, report.breakGlass, report.notFound, report.forbidden, report.readOnly)).toBeGreaterThan(0);
    },
    600_000,
  );
});
