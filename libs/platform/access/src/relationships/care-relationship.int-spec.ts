import { randomUUID } from 'node:crypto';
import type { Principal } from '../principal/principal';
import { createRelationshipDatabase, type RelationshipDatabase } from '../testing/relationship-database';
import { applyCareRelationshipEvent } from './apply-care-relationship-event';
import type { CareRelationshipEvent } from './care-relationship-event';
import { CareRelationshipService } from './care-relationship.service';
import { careRelationshipsFromIntegrationEvent } from './from-integration-events';
import type { AccessModuleOptions } from '../access-options';
import { NoLegitimateRelationshipError } from '../errors';

function referralReceived(patientSubjectId: string, occurredAt: string, eventId = randomUUID()): CareRelationshipEvent {
  return {
    eventId,
    eventType: 'referrals.referral-received.v1',
    patientSubjectId,
    occurredAt,
    participants: [
      { organisationId: 'A81001', reason: 'referrer' },
      { organisationId: 'RXT01', reason: 'receiving-service' },
    ],
  };
}

const therapist: Principal = {
  userId: 'u-tt-1',
  displayName: 'T',
  organisationId: 'RXT01',
  organisationType: 'talking-therapies',
  roles: ['clinician'],
};

describe('care-relationship projection', () => {
  let db: RelationshipDatabase;
  let service: CareRelationshipService;

  beforeAll(async () => {
    db = await createRelationshipDatabase('care_relationship');
    service = new CareRelationshipService({ dataSource: db.dataSource } as AccessModuleOptions);
  });

  afterAll(async () => {
    await db.close();
  });

  it('keeps the table in the service schema', async () => {
    const rows = await db.dataSource.query<Array<{ table_schema: string }>>(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'care_relationship'`,
    );
    expect(rows).toEqual([{ table_schema: 'service_under_test' }]);
  });

  it('records every participant of an event as taking part in the patient’s care', async () => {
    const patient = `p-${randomUUID()}`;
    expect(await service.hasRelationship('RXT01', patient)).toBe(false);
    const result = await applyCareRelationshipEvent(db.dataSource.manager, referralReceived(patient, '2026-11-01T10:00:00Z'));
    expect(result).toEqual({ recorded: 2, skipped: [] });
    expect(await service.hasRelationship('RXT01', patient)).toBe(true);
    expect(await service.hasRelationship('A81001', patient)).toBe(true);
    expect(await service.hasRelationship('VS0042', patient)).toBe(false);
    expect(await service.hasRelationship('RXT01', `p-${randomUUID()}`)).toBe(false);
  });

  it('is idempotent and keeps the earliest time a relationship is known from', async () => {
    const patient = `p-${randomUUID()}`;
    const later = referralReceived(patient, '2026-11-05T10:00:00Z');
    await applyCareRelationshipEvent(db.dataSource.manager, later);
    await applyCareRelationshipEvent(db.dataSource.manager, later);
    const earlier = referralReceived(patient, '2026-11-02T08:30:00Z');
    await applyCareRelationshipEvent(db.dataSource.manager, earlier);
    await applyCareRelationshipEvent(db.dataSource.manager, later);
    const rows = await db.dataSource.query<Array<{ organisation_id: string; since: Date; source_event_id: string }>>(
      `SELECT organisation_id, since, source_event_id FROM service_under_test.care_relationship
        WHERE patient_subject_id = $1 ORDER BY organisation_id`,
      [patient],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.since.toISOString()).toBe('2026-11-02T08:30:00.000Z');
      expect(row.source_event_id).toBe(earlier.eventId);
    }
  });

  it('notes participants it cannot use and still records the rest', async () => {
    const patient = `p-${randomUUID()}`;
    const result = await applyCareRelationshipEvent(db.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'directory.social-prescription-made.v1',
      patientSubjectId: patient,
      occurredAt: '2026-11-03T09:00:00Z',
      participants: [
        { organisationId: 'VS0042', reason: 'social-prescription-organisation' },
        { organisationId: '', reason: 'referrer' },
        { organisationId: 'X1', reason: 'pen-pal' as never },
      ],
    });
    expect(result.recorded).toBe(1);
    expect(result.skipped.map((s) => s.why)).toEqual(['no organisation id', 'unknown reason pen-pal']);
    expect(await service.hasRelationship('VS0042', patient)).toBe(true);
    expect(await service.hasRelationship('X1', patient)).toBe(false);
  });

  it('joins the caller’s transaction, so a rolled-back consumer leaves no relationship behind', async () => {
    const patient = `p-${randomUUID()}`;
    await expect(
      db.dataSource.transaction(async (manager) => {
        await applyCareRelationshipEvent(manager, referralReceived(patient, '2026-11-01T10:00:00Z'));
        throw new Error('consumer failed after the projection update');
      }),
    ).rejects.toThrow('consumer failed');
    expect(await service.hasRelationship('RXT01', patient)).toBe(false);
  });

  it('asserts a relationship with a 403-shaped error when there is none and passes once there is', async () => {
    const patient = `p-${randomUUID()}`;
    await expect(service.assertRelationship(therapist, patient)).rejects.toBeInstanceOf(NoLegitimateRelationshipError);
    await applyCareRelationshipEvent(db.dataSource.manager, referralReceived(patient, '2026-11-01T10:00:00Z'));
    await expect(service.assertRelationship(therapist, patient)).resolves.toBeUndefined();
  });

  describe('hazard H-A1 in a consuming service (scheduling, outcomes): the older patient-wide check', () => {
    /** Applies an integration event the way every consuming service does (`withCareRelationshipsOnConsume`). */
    const consume = async (patient: string, type: string, data: Record<string, unknown>): Promise<void> => {
      const relationship = careRelationshipsFromIntegrationEvent({
        messageId: randomUUID(),
        type,
        version: 1,
        patientSubjectId: patient,
        occurredAt: new Date().toISOString(),
        data,
      });
      if (!relationship) throw new Error(`${type} bears no relationship`);
      await applyCareRelationshipEvent(db.dataSource.manager, relationship);
    };

    it('does not count a forged self-referral, the episode it opened or a later provider of it until the identity is verified', async () => {
      const patient = `p-${randomUUID()}`;
      const [referralId, episodeId] = [randomUUID(), randomUUID()];
      await consume(patient, 'referrals.referral-received', { referralId, source: 'self', receivingOrganisationId: 'RX4', referrerOrganisationId: null });
      await consume(patient, 'referrals.referral-accepted', { referralId, episodeId, providingOrganisationId: 'RX4' });
      await consume(patient, 'referrals.episode-opened', { referralId, episodeId, providingOrganisationId: 'RX4' });
      await consume(patient, 'referrals.episode-step-changed', { episodeId, fromOrganisationId: 'RX4', toOrganisationId: 'RT1' });
      for (const organisation of ['RX4', 'RT1']) expect(await service.hasRelationship(organisation, patient)).toBe(false);
      // Re-delivering the acceptance after the fact changes nothing.
      await consume(patient, 'referrals.referral-accepted', { referralId, episodeId, providingOrganisationId: 'RX4' });
      expect(await service.hasRelationship('RX4', patient)).toBe(false);

      await consume(patient, 'referrals.patient-identity-verified', { referralId, episodeId, method: 'pds-trace-and-photo-id' });
      for (const organisation of ['RX4', 'RT1']) expect(await service.hasRelationship(organisation, patient)).toBe(true);
      const unverified = await db.dataSource.query<unknown[]>(
        `SELECT 1 FROM service_under_test.care_relationship WHERE patient_subject_id = $1 AND NOT identity_verified`,
        [patient],
      );
      expect(unverified).toEqual([]);
    });

    it('verified before acceptance: the episode it opens counts at once; a referral from a GP was never unverified', async () => {
      const patient = `p-${randomUUID()}`;
      const [referralId, episodeId] = [randomUUID(), randomUUID()];
      await consume(patient, 'referrals.referral-received', { referralId, source: 'self', receivingOrganisationId: 'RX4', referrerOrganisationId: null });
      await consume(patient, 'referrals.patient-identity-verified', { referralId, episodeId: null, method: 'nhs-login' });
      await consume(patient, 'referrals.referral-accepted', { referralId, episodeId, providingOrganisationId: 'RY1' });
      expect(await service.hasRelationship('RY1', patient)).toBe(true);

      const other = `p-${randomUUID()}`;
      const gpReferral = randomUUID();
      await consume(other, 'referrals.referral-received', { referralId: gpReferral, source: 'gp', receivingOrganisationId: 'RX4', referrerOrganisationId: 'B82005' });
      await consume(other, 'referrals.referral-accepted', { referralId: gpReferral, episodeId: randomUUID(), providingOrganisationId: 'RX4' });
      expect(await service.hasRelationship('RX4', other)).toBe(true);
    });
  });
});
