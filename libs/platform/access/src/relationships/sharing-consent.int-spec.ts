import { randomUUID } from 'node:crypto';
import type { AccessModuleOptions } from '../access-options';
import type { AccessAuditor } from '../audit/access-auditor';
import type { Principal } from '../principal/principal';
import { PolicyAccessService } from '../policy/policy-access.service';
import type { AccessTarget } from '../policy/access-target';
import { createRelationshipDatabase, type RelationshipDatabase } from '../testing/relationship-database';
import { applyCareRelationshipEvent, applyCareRelationshipsOfMessage } from './apply-care-relationship-event';
import { CareRelationshipService } from './care-relationship.service';
import { sharingWithdrawn } from './sharing-consent';

/** Issue 15 item 5: a withdrawal of consent to share ends an organisation's sharing-based relationships, and only those. */
describe('consent to share in the relationship projection', () => {
  let db: RelationshipDatabase;
  let policy: PolicyAccessService;
  const now = new Date('2030-01-15T12:00:00Z');
  beforeAll(async () => {
    db = await createRelationshipDatabase('sharing_consent');
    policy = new PolicyAccessService({ dataSource: db.dataSource, clock: () => now } as AccessModuleOptions, {} as AccessAuditor);
  });
  afterAll(() => db.close());

  const at = (minutes: number): string => new Date(now.getTime() - 86_400_000 + minutes * 60_000).toISOString();
  const consent = (patient: string, data: Record<string, unknown>) =>
    applyCareRelationshipsOfMessage(db.dataSource.manager, {
      messageId: randomUUID(),
      type: 'referrals.sharing-consent-changed',
      version: 1,
      patientSubjectId: patient,
      occurredAt: String(data['changedAt']),
      data: { organisationId: null, organisationType: null, source: 'verbal', ...data },
    });
  const principal = (organisationId: string, organisationType: Principal['organisationType']): Principal => ({
    userId: `u-${organisationId}`,
    displayName: 'U',
    organisationId,
    organisationType,
    roles: ['clinician'],
  });
  const patientTarget = (patient: string): AccessTarget => ({
    type: 'patient',
    id: patient,
    patientSubjectId: patient,
    referralId: null,
    episodeId: null,
    awaitingTriage: false,
    consentToShare: true,
  });

  async function handedOver(patient: string): Promise<void> {
    // RY1 provided the episode and handed over to RT1 (RY1: provider-past, RT1: provider-current).
    await applyCareRelationshipEvent(db.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'referrals.referral-accepted.v1',
      patientSubjectId: patient,
      occurredAt: at(0),
      participants: [{ organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e1' }],
    });
    await applyCareRelationshipEvent(db.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'referrals.episode-step-changed.v1',
      patientSubjectId: patient,
      occurredAt: at(10),
      participants: [
        { organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e1', ends: true },
        { organisationId: 'RT1', reason: 'step-provider', scope: 'episode:e1' },
      ],
    });
  }

  it('drops a past provider’s access while consent to share with it is withdrawn, restores it on re-consent, and leaves the treating provider alone', async () => {
    const patient = `p-${randomUUID()}`;
    await handedOver(patient);
    const past = principal('RY1', 'talking-therapies');
    const treating = principal('RT1', 'secondary-care');
    expect(await policy.decide(past, 'patient.episodes', patientTarget(patient), false)).toMatchObject({ allowed: true, kind: 'provider-past' });

    expect(await consent(patient, { organisationId: 'RY1', consented: false, changedAt: at(20) })).toBe(true);
    expect(await policy.decide(past, 'patient.episodes', patientTarget(patient), false)).toEqual({ allowed: false, outcome: 'not-found', why: 'no-relationship' });
    // Withdrawing from RT1 too: the organisation actively treating keeps what the policy gives it.
    await consent(patient, { organisationId: 'RT1', consented: false, changedAt: at(21) });
    expect(await policy.decide(treating, 'patient.episodes', patientTarget(patient), false)).toMatchObject({ allowed: true, kind: 'provider-current' });

    await consent(patient, { organisationId: 'RY1', consented: true, changedAt: at(30) });
    expect(await policy.decide(past, 'patient.episodes', patientTarget(patient), false)).toMatchObject({ allowed: true, kind: 'provider-past' });
  });

  it('the patient-wide check (access log, @PatientRecord) follows the same rule', async () => {
    const patient = `p-${randomUUID()}`;
    await handedOver(patient);
    const relationships = new CareRelationshipService({ dataSource: db.dataSource, clock: () => now } as AccessModuleOptions);
    expect(await relationships.hasRelationship('RY1', patient, 'talking-therapies')).toBe(true);
    await consent(patient, { organisationId: 'RY1', consented: false, changedAt: at(20) });
    await consent(patient, { organisationId: 'RT1', consented: false, changedAt: at(20) });
    expect(await relationships.hasRelationship('RY1', patient, 'talking-therapies')).toBe(false);
    expect(await relationships.hasRelationship('RT1', patient, 'secondary-care')).toBe(true);
  });

  it('applies a withdrawal by organisation type, unless the organisation’s own entry says otherwise', async () => {
    const patient = `p-${randomUUID()}`;
    await handedOver(patient);
    await consent(patient, { organisationType: 'talking-therapies', consented: false, changedAt: at(20) });
    expect(await sharingWithdrawn(db.dataSource.manager, patient, 'RY1', 'talking-therapies')).toBe(true);
    expect(await sharingWithdrawn(db.dataSource.manager, patient, 'RY1', 'secondary-care')).toBe(false);
    expect((await policy.decide(principal('RY1', 'talking-therapies'), 'patient.episodes', patientTarget(patient), false)).allowed).toBe(false);
    await consent(patient, { organisationId: 'RY1', consented: true, changedAt: at(25) });
    expect(await sharingWithdrawn(db.dataSource.manager, patient, 'RY1', 'talking-therapies')).toBe(false);
    expect(await sharingWithdrawn(db.dataSource.manager, patient, 'RY2', 'talking-therapies')).toBe(true);
  });

  it('keeps the latest change whatever the order of arrival; a redelivery changes nothing; a malformed change is ignored', async () => {
    const patient = `p-${randomUUID()}`;
    await consent(patient, { organisationId: 'RY1', consented: true, changedAt: at(30) });
    await consent(patient, { organisationId: 'RY1', consented: false, changedAt: at(20) });
    expect(await sharingWithdrawn(db.dataSource.manager, patient, 'RY1', null)).toBe(false);
    await consent(patient, { organisationId: 'RY1', consented: false, changedAt: at(40) });
    await consent(patient, { organisationId: 'RY1', consented: false, changedAt: at(40) });
    expect(await sharingWithdrawn(db.dataSource.manager, patient, 'RY1', null)).toBe(true);
    expect(await consent(patient, { organisationId: 'RY1', organisationType: 'gp-practice', consented: true, changedAt: at(50) })).toBe(false);
    expect(await consent(patient, { organisationId: 'RY1', consented: 'yes', changedAt: at(50) })).toBe(false);
    expect(await sharingWithdrawn(db.dataSource.manager, patient, 'RY1', null)).toBe(true);
  });
});
