import { applyCareRelationshipsOfMessage } from '@stepwell/access';
import { users } from '@stepwell/access/testing';
import { EpisodeStepChangedV1Contract, SharingConsentChangedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { testNow } from '@stepwell/testing';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import { provideEpisode, startSchedulingTestApp, type SchedulingTestApp } from '../testing/scheduling-test-app';

/**
 * Issue 15 item 5 (hazard H-CS1) in a consuming service: the referrals service's consent-to-share change, applied by
 * the one relationship projection (as the consume path applies every message), ends a past provider's access to the
 * person's appointments here too, and leaves the organisation actively treating alone.
 */
describe('consent to share, honoured by scheduling', () => {
  let service: SchedulingTestApp;
  beforeAll(async () => {
    service = await startSchedulingTestApp('sharing_consent');
  });
  afterAll(() => service.close());

  const at = (minutes: number): string => new Date(testNow() - 86_400_000 + minutes * 60_000).toISOString();
  const consent = (patientSubjectId: string, organisationId: string, consented: boolean, changedAt: string) =>
    applyCareRelationshipsOfMessage(
      service.dataSource.manager,
      createIntegrationEvent(
        SharingConsentChangedV1Contract,
        { organisationId, organisationType: null, consented, source: 'verbal', changedAt },
        { patientSubjectId, occurredAt: changedAt, correlationId: 'c-consent', causationId: null },
      ),
    );

  it('a past provider reads the person’s appointments, is refused after the withdrawal and reads again after re-consent; the current provider is unaffected', async () => {
    const patient = 'p-consent-1';
    await provideEpisode(service, { episodeId: 'e-consent-1', patientSubjectId: patient, organisation: users.therapist.org, referredAt: at(0) });
    await service.app.get(EpisodesConsumer).onStepChanged(
      createIntegrationEvent(
        EpisodeStepChangedV1Contract,
        { episodeId: 'e-consent-1', fromStep: 'step-2', toStep: 'secondary-care', fromOrganisationId: users.therapist.org, toOrganisationId: users.crisisClinician.org, direction: 'up', changedAt: at(10) },
        { patientSubjectId: patient, occurredAt: at(10), correlationId: 'c-step', causationId: null },
      ),
    );
    const past = await service.as(users.therapist);
    const current = await service.as(users.crisisClinician);
    await past.get(`/patients/${patient}/appointments`).expect(200);
    await current.get(`/patients/${patient}/appointments`).expect(200);

    expect(await consent(patient, users.therapist.org, false, at(20))).toBe(true);
    expect(await consent(patient, users.crisisClinician.org, false, at(21))).toBe(true);
    const refused = await past.get(`/patients/${patient}/appointments`);
    const stranger = await (await service.as({ ...users.therapist, user: 'u-other', org: 'RZZ96' })).get(`/patients/${patient}/appointments`);
    expect(refused.status).not.toBe(200);
    expect([refused.status, refused.body.code]).toEqual([stranger.status, stranger.body.code]);
    await current.get(`/patients/${patient}/appointments`).expect(200);

    await consent(patient, users.therapist.org, true, at(30));
    await past.get(`/patients/${patient}/appointments`).expect(200);
  });
});
