import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  applyCareRelationshipEvent,
  type CareRelationshipParticipant,
  DIRECT_CARE_ORGANISATION_TYPES,
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
  type TestUser,
} from '@stepwell/access/testing';
import { EpisodeStepChangedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { findQuestionnaire } from '../domain';
import { EpisodeEventsConsumer } from '../integration/episode-events.consumer';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, type OutcomesTestApp } from '../testing/outcomes-test-app';

/**
 * Issue 10: outcomes' routes that return or change one patient's data, every organisation type × role × relationship
 * state × target × break-glass, against what `ACCESS_POLICY` says (the library's oracle, never the guard). Writes carry
 * a stale If-Match: an allowed write is decided, then refused 412, nothing written. The organisation's own
 * risk-alert queue names no record: each item is decided by the same `record.read` cell.
 */
const STALE = { 'If-Match': '"999"' };
const ROUTES: MatrixRoute[] = [
  { name: 'GET /episodes/{id}/outcomes', action: 'record.read', method: 'get', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}/outcomes`, allowedStatus: 200 },
  { name: 'PUT /episodes/{id}/problem-descriptor', action: 'episode.record-outcome', method: 'put', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}/problem-descriptor`, body: { icd10Code: 'F41.0' }, headers: STALE, allowedStatus: 412 },
  { name: 'PUT /episodes/{id}/care-coordinator', action: 'episode.record-outcome', method: 'put', targetIdKind: 'episode', targets: ['own'], path: (id) => `/episodes/${id}/care-coordinator`, body: { clinicianId: 'u-mx-coordinator' }, headers: STALE, allowedStatus: 412 },
  // `response` ids are `<patient>/responses/<response id>`: the route names both.
  { name: 'GET /patients/{id}/responses/{responseId}', action: 'record.read', method: 'get', targetIdKind: 'response', targets: ['own', 'other'], path: (id) => `/patients/${id}`, allowedStatus: 200 },
  // `…/measures/chart.svg` carries the same decorator as the series (`patient.records` on the patient).
  { name: 'GET /patients/{id}/measures', action: 'patient.records', method: 'get', targetIdKind: 'patient', targets: ['own'], path: (id) => `/patients/${id}/measures?code=PHQ-9`, allowedStatus: 200 },
  { name: 'POST /risk-alerts/{id}/acknowledge', action: 'risk-alert.acknowledge', method: 'post', targetIdKind: 'alert', targets: ['own', 'other'], path: (id) => `/risk-alerts/${id}/acknowledge`, body: { actionTaken: 'contacted-patient' }, headers: STALE, allowedStatus: 412 },
];

/**
 * The relationship states under test. A provider of the person's own episode is also the `record-holder` of what it
 * holds (the episode while it provides it; a risk alert addressed to it, for good). Outcomes never learns consent to
 * share, so a provider's view of the person's OTHER episode is always the "no consent" case.
 */
const KINDS: readonly RelationshipKind[] = ['none', 'provider-current', 'provider-past', 'provider-expired', 'referrer', 'receiving', 'voluntary-sector-prescription', 'patient-care'];
const PROVIDES: readonly RelationshipKind[] = ['provider-current', 'provider-past', 'provider-expired'];
const OTHER: TestUser = { user: 'u-mx-other', org: 'MXOO01', orgType: 'talking-therapies', roles: ['clinician'] };
const DAY = 86_400_000;
const phq9 = findQuestionnaire('PHQ-9', '1');

describe('the generated access matrix of the outcomes service (real PostgreSQL, over HTTP)', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('outcomes_access_matrix');
  }, 120_000);
  afterAll(() => service.close());

  /** A PHQ-9 with the self-harm item answered: scored, and a risk alert raised to the episode's provider (same id). */
  async function riskyResponse(who: TestUser, patient: string, episodeId: string): Promise<string> {
    const body = { questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId, completedBy: 'patient', answers: answersTotalling(phq9, 10, { 'phq9-9': 2 }) };
    // Under load the answer may wait too long for the read models (503 READ_MODEL_BEHIND): the same key retries safely.
    const key = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const response = await (await service.as(who)).post(`/patients/${patient}/responses`).set('Idempotency-Key', key).send(body);
      if (response.status === 201 || attempt === 5) return (response.status === 201 ? response.body.id : Promise.reject(new Error(`recording failed: ${response.status}`))) as string;
    }
  }

  const relate = (patient: string, participant: CareRelationshipParticipant) =>
    applyCareRelationshipEvent(service.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.matrix.v1',
      patientSubjectId: patient,
      occurredAt: new Date().toISOString(),
      participants: [participant],
    });

  /** One person, built so that organisation `org` (of `type`) has `kind` with the person's "own" episode and records. */
  async function build(kind: RelationshipKind, type: OrganisationType, index: number): Promise<MatrixFixture> {
    const org = `MXO${String(index).padStart(3, '0')}`;
    const x: TestUser = { user: `u-mx-${org}`, org, orgType: type, roles: ['clinician'] };
    const patient = `p-mx-${randomUUID()}`;
    const own = randomUUID();
    const other = randomUUID();
    const ownReferral = randomUUID();
    const provides = PROVIDES.includes(kind);
    await service.deliver.episodeOpened(patient, { episodeId: other, providingOrganisationId: OTHER.org });
    await service.deliver.episodeOpened(patient, { episodeId: own, referralId: ownReferral, providingOrganisationId: provides ? org : OTHER.org });
    // The provider records a measure with a risk answer: the alert is addressed to it.
    const ownResponse = await riskyResponse(provides ? x : OTHER, patient, own);
    const otherResponse = await riskyResponse(OTHER, patient, other);
    if (kind === 'provider-past' || kind === 'provider-expired') {
      // The referrals service's step change away, as it arrives: its time is when the provider's part ended.
      const changedAt = new Date(Date.now() - (kind === 'provider-past' ? 1 : 100) * DAY).toISOString();
      await service.app.get(EpisodeEventsConsumer).onStepChanged(
        createIntegrationEvent(
          EpisodeStepChangedV1Contract,
          { episodeId: own, fromStep: 'step-2', toStep: 'step-3', fromOrganisationId: org, toOrganisationId: OTHER.org, direction: 'up', changedAt },
          { patientSubjectId: patient, occurredAt: changedAt, correlationId: randomUUID(), causationId: null },
        ),
      );
    }
    if (kind === 'referrer') await relate(patient, { organisationId: org, reason: 'referrer', scope: `referral:${ownReferral}` });
    if (kind === 'receiving') await relate(patient, { organisationId: org, reason: 'receiving-service', scope: `referral:${ownReferral}` });
    if (kind === 'voluntary-sector-prescription') await relate(patient, { organisationId: org, reason: 'social-prescription-organisation', scope: `episode:${own}` });
    if (kind === 'patient-care') await relate(patient, { organisationId: org, reason: 'step-provider' });
    const responseOf = (id: string) => `${patient}/responses/${id}`;
    const kindsOf = (id: string): RelationshipKind[] => {
      if (id === patient) return kind === 'none' ? [] : [kind];
      const mine = kind === 'none' ? [] : [kind];
      // The episode is held by its current provider; a risk alert by the organisation it was addressed to.
      if (id === own || id === responseOf(ownResponse)) return kind === 'provider-current' ? [...mine, 'record-holder'] : mine;
      if (id === ownResponse) return provides ? [...mine, 'record-holder'] : mine;
      if (id === other || id === responseOf(otherResponse) || id === otherResponse) {
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
        episode: { own, other },
        response: { own: responseOf(ownResponse), other: responseOf(otherResponse) },
        alert: { own: ownResponse, other: otherResponse },
        patient: { own: patient, other: patient },
      },
    };
  }

  it(
    'finds 0 false allows and 0 false denies over every organisation type × role class × relationship state × route × target × break-glass, each refusal writing one AccessRefused and nothing else',
    async () => {
      const started = Date.now();
      // An episode is provided by a care provider: provider states of other organisation types cannot be built.
      const pairs = KINDS.flatMap((kind) => ORGANISATION_TYPES.map((type) => [kind, type] as const)).filter(
        ([kind, type]) => !PROVIDES.includes(kind) || DIRECT_CARE_ORGANISATION_TYPES.includes(type),
      );
      const fixtures: MatrixFixture[] = [];
      for (let i = 0; i < pairs.length; i += 4) {
        fixtures.push(...(await Promise.all(pairs.slice(i, i + 4).map(([kind, type], j) => build(kind, type, i + j)))));
      }
      await service.settled();
      const combinations = enumerateCombinations(fixtures, ROUTES, policyRoleClasses());
      const report = await runAccessMatrixOverHttp(
        { server: service.app.getHttpServer() as Server, store: service.store, bearer: (who) => service.issuer.bearer(who) },
        combinations,
      );
      console.log(describeMatrixReport('outcomes', report, fixtures.length, (Date.now() - started) / 1000));
      expect(report.mismatches).toEqual([]);
      expect(report.falseAllows).toBe(0);
      expect(report.falseDenies).toBe(0);
      expect(Math.min(report.allowed, report.breakGlass, report.notFound, report.forbidden, report.readOnly)).toBeGreaterThan(0);
    },
    600_000,
  );
});
