import { users } from '@stepwell/access/testing';
import { CareRelationshipEntity } from '@stepwell/access';
import { createTestIssuer } from '@stepwell/access/testing';
import { DataSource } from 'typeorm';
import { loadReferralsConfig } from '../config';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { knowConsultation } from '../testing/known-consultation';
import { EpisodeWaitingRow } from './episode-waiting.entity';
import { ReferralQueueRow } from './referral-queue.entity';
import { rebuildReferralsReadModels } from './rebuild-read-models';
import { ProjectionRunner } from '@stepwell/read-models';
import { CareThreadRefusalRow, CareThreadRow } from './care-thread.entities';
import { DirectoryServices } from '../shared/directory-services';

describe('rebuilding the referrals read models', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('rebuild');
  });
  afterAll(() => service.close());

  async function snapshot() {
    const dataSource = service.app.get(DataSource);
    const queue = await dataSource.getRepository(ReferralQueueRow).find({ order: { referralId: 'ASC' } });
    const relationships = await dataSource
      .getRepository(CareRelationshipEntity)
      .find({ order: { patientSubjectId: 'ASC', organisationId: 'ASC', reason: 'ASC' } });
    const episodes = await dataSource.getRepository(EpisodeWaitingRow).find({ order: { episodeId: 'ASC' } });
    // Gap watch (issue 18): the care threads and their refusals.
    const careThreads = await dataSource.getRepository(CareThreadRow).find({ order: { threadId: 'ASC' } });
    const careThreadRefusals = await dataSource.getRepository(CareThreadRefusalRow).find({ order: { referralId: 'ASC' } });
    return { queue, relationships, episodes, careThreads, careThreadRefusals };
  }

  it('gives the same queue and care relationships as the live projection, from the event store alone', async () => {
    const therapist = await service.as(users.therapist);
    // Issue 17 item 4: the directory services known from the directory's messages are not a projection of this log.
    const listed = await service.listDirectoryService({ name: 'Peer support kept across a rebuild' });
    const ids: string[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const response = await service.http().post('/referrals').send(referralFor(seed, seed % 3 === 0 ? { urgency: 'crisis' } : {})).expect(201);
      ids.push(response.body.id as string);
    }
    await service.anonymous().post('/self-referrals').send({ ...referralFor(7), source: undefined }).expect(201);
    const accepted = await therapist.post(`/referrals/${ids[0]!}/triage`).send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' }).expect(200);
    await knowConsultation(service, accepted.body.patientSubjectId as string, 'c-1');
    await therapist.post(`/referrals/${ids[1]!}/triage`).send({ outcome: 'decline', reason: 'outside-catchment', text: 'York' }).expect(200);
    await service.http().post(`/referrals/${ids[2]!}/withdraw`).send({ reason: 'duplicate' }).expect(200);
    await therapist
      .post(`/episodes/${accepted.body.triage.episodeId as string}/step-changes`)
      .send({ to: 'secondary-care', providingOrganisation: 'RCR01', reason: 'risk-increased', consultationId: 'c-1' })
      .expect(201);

    // The care-thread reactor's appends are part of the log the rebuild replays.
    await service.app.get(ProjectionRunner).settled();
    const live = await snapshot();
    expect(live.queue).toHaveLength(7);
    expect(live.careThreadRefusals).toEqual([expect.objectContaining({ referralId: ids[1], outcome: 'decline', declineReason: 'outside-catchment' })]);
    expect(live.episodes).toEqual([expect.objectContaining({ step: 'secondary-care', providingOrganisationId: 'RCR01', status: 'Waiting' })]);
    expect(live.relationships.map((r) => r.organisationId)).toContain('RCR01');

    // Wreck the queue, then rebuild it the way `npm run rebuild -- referrals` does.
    await service.app.get(DataSource).getRepository(ReferralQueueRow).clear();
    await service.app.get(DataSource).getRepository(EpisodeWaitingRow).clear();
    await service.app.get(DataSource).getRepository(CareThreadRefusalRow).clear();
    await service.app.get(DataSource).getRepository(CareThreadRow).clear();
    const issuer = createTestIssuer();
    await rebuildReferralsReadModels(loadReferralsConfig(undefined, { DATABASE_URL: service.database.url, ...issuer.env }));
    expect(await snapshot()).toEqual(live);
    // A rebuild replays only referrals' own log: the listings learnt from the directory stay as they were.
    expect(await service.app.get(DirectoryServices).find(listed.serviceId)).toMatchObject({ serviceId: listed.serviceId, name: 'Peer support kept across a rebuild', status: 'active' });
  });
});
