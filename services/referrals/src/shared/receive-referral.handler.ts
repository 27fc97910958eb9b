import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid } from '@stepwell/decider';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import { ProjectionRunner } from '@stepwell/read-models';
import type { Actor } from '@stepwell/event-store';
import { findPossibleDuplicates, InvalidDemographicsError, parseNhsNumber } from '../domain/patient-identity';
import { TEST_ORGANISATIONS } from '../config';
import {
  acknowledgementRecipientOf,
  receivedFieldsOf,
  referralStreamId,
  sameReferralDetails,
  type ReferralCommand,
  type ReferralDetails,
  type ReferralEvent,
  type ReferralState,
} from '../domain/referral.decider';
import { toReferralView, type ReferralView } from './referral.view';
import { PatientCare } from './open-care';
import { PatientIndex, type PatientToFind } from './patient-index';
import { OrganisationRegistry } from './organisation-registry';
import { REFERRAL_COMMANDS } from './referral-commands';
import { NOTIFICATION_PORT, type NotificationPort } from './notification.port';

/** The `Idempotency-Key` was used before for a request with other content. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED' as const;

  constructor() {
    super('This Idempotency-Key was already used for a referral with other details.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A referral as submitted: the person (demographics, for the patient index) and what the referrer says. */
export interface ReferralForm extends Omit<ReferralDetails, 'patientSubjectId'> {
  patient: PatientToFind;
}

export interface ReceiveReferralResult {
  view: ReferralView;
  /** The referral stream's revision after receipt. */
  revision: number;
  /** True when an earlier request with the same Idempotency-Key created the referral. */
  replayed: boolean;
}

/** The organisation the answer goes to: none for the anonymous self-referral form (it learns nothing of other care). */
const viewerOf = (actor: Actor): string | null => (actor.role === 'patient' ? null : actor.organisationId);

@Injectable()
export class ReceiveReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly patients: PatientIndex,
    private readonly care: PatientCare,
    private readonly readModels: ProjectionRunner,
    private readonly organisations: OrganisationRegistry,
    @Inject(TEST_ORGANISATIONS) private readonly testOrganisations: readonly string[],
    @Inject(NOTIFICATION_PORT) private readonly notifications: NotificationPort,
  ) {}

  /**
   * Asks for the acknowledgement the referral's events requested (every referral, issue 12 item 18). Idempotent (the
   * id comes from the referral), so the replay of a retried request completes it after a crash and never repeats it.
   */
  private async acknowledge(state: Exclude<ReferralState, { status: 'None' }>): Promise<void> {
    const recipient = acknowledgementRecipientOf(state);
    await this.notifications.request({
      id: deterministicUuid(`referrals/acknowledgement/${state.referralId}`),
      kind: 'referral-acknowledgement',
      referralId: state.referralId,
      patientSubjectId: state.patientSubjectId,
      senderOrganisation: state.receivingOrganisation,
      recipient,
      channel: recipient.kind === 'organisation' ? 'letter' : 'text-or-email',
      requestedAt: state.receivedAt,
    });
  }

  /**
   * NHS numbers 999 000 0000 – 999 999 9999 are never issued to a person (test range): accepted only when every
   * organisation involved — the receiving one, and the caller's own for a professional referral — is a configured
   * test organisation (`REFERRALS_TEST_ORGANISATIONS`). Anywhere else it is a test record or a typing mistake that
   * would file a real person's care under a fake number: 400, nothing written.
   */
  private refuseTestRangeOutsideTestOrganisations(patient: PatientToFind, receivingOrganisation: string, actor: Actor): void {
    const raw = patient.nhsNumber?.trim();
    if (!raw) return;
    const parsed = parseNhsNumber(raw);
    if (!parsed.ok || !parsed.isTestRange) return;
    const involved = actor.role === 'patient' ? [receivingOrganisation] : [receivingOrganisation, actor.organisationId];
    if (involved.every((organisation) => this.testOrganisations.includes(organisation))) return;
    throw new InvalidDemographicsError('nhsNumber', 'is in the 999 test range, accepted only between test organisations');
  }

  /**
   * With an idempotency key, the referral id (and the subject id of a person registered by this request) is
   * derived from the key and the caller's scope (one organisation's key never finds another's referral), so a
   * retry addresses the same streams and returns the first result without writing anything new.
   */
  async handle(form: ReferralForm, context: { correlationId: string; actor: Actor; idempotencyKey?: string; scope: string }): Promise<ReceiveReferralResult> {
    // A referral goes only to an organisation the platform knows: 400 naming the field, nothing written.
    await this.organisations.assertKnown(form.receivingOrganisation, 'receivingOrganisation');
    const key = context.idempotencyKey;
    const referralId = key ? deterministicUuid(`referrals/receive-referral/${context.scope}/${key}`) : randomUUID();
    const streamId = referralStreamId(referralId);
    const { patient, ...details } = form;
    this.refuseTestRangeOutsideTestOrganisations(patient, details.receivingOrganisation, context.actor);

    const receivedAt = new Date().toISOString();
    const baseMetadata = requestMetadata(context.correlationId, receivedAt, context.actor);
    if (key) {
      const earlier = await this.referrals.load(streamId);
      if (earlier.state.status !== 'None') return this.replay(earlier.state, earlier.position, details, patient, baseMetadata, viewerOf(context.actor));
    }

    const subjectIdIfNew = key ? deterministicUuid(`referrals/patient/${context.scope}/${key}`) : randomUUID();
    const found = await this.patients.findOrRegister(patient, baseMetadata, subjectIdIfNew);
    const { patientSubjectId } = found;
    const possibleDuplicatePatient =
      found.duplicateReason === null ? null : { reason: found.duplicateReason, candidates: found.possibleDuplicatePatients };
    const possibleDuplicateOf = findPossibleDuplicates(
      { referralId, patientSubjectId, organisationId: details.receivingOrganisation },
      await this.care.openCareOf(patientSubjectId),
    ).map((item) => item.id);

    let result;
    try {
      result = await this.referrals.handle(
        streamId,
        { type: 'ReceiveReferral', data: { referralId, ...details, patientSubjectId, receivedAt, possibleDuplicateOf, possibleDuplicatePatient } },
        { metadata: { ...baseMetadata, patientSubjectId } },
      );
    } catch (error) {
      // A twin request with the same key but other details won the race.
      if (key && (error as { code?: unknown }).code === 'REFERRAL_ALREADY_EXISTS') throw new IdempotencyKeyReusedError();
      throw error;
    }
    if (result.state.status === 'None' || result.revision === null) throw new Error('A received referral folded to no referral');
    if (result.events.length === 0) return this.replay(result.state, result.position, details, patient, baseMetadata, viewerOf(context.actor));
    await this.recordInIndex(result.state, baseMetadata);
    await this.acknowledge(result.state);
    await this.readModels.waitFor(result.position);
    return { view: toReferralView(result.state, viewerOf(context.actor)), revision: result.revision, replayed: false };
  }

  /** Idempotent: a retry after a crash between the two writes completes the index; otherwise nothing is written. */
  private async recordInIndex(state: Exclude<ReferralState, { status: 'None' }>, metadata: ReturnType<typeof requestMetadata>): Promise<void> {
    const known = await this.patients.referralsOf(state.patientSubjectId);
    if (known.some((referral) => referral.referralId === state.referralId)) return;
    await this.patients.recordReferral(
      { patientSubjectId: state.patientSubjectId, referralId: state.referralId, organisationId: state.receivingOrganisation, at: state.receivedAt },
      metadata,
      deterministicUuid(`referrals/patient-referred/${state.referralId}`),
    );
  }

  private async replay(
    state: Exclude<ReferralState, { status: 'None' }>,
    position: number | null,
    details: Omit<ReferralDetails, 'patientSubjectId'>,
    patient: PatientToFind,
    metadata: ReturnType<typeof requestMetadata>,
    viewer: string | null,
  ): Promise<ReceiveReferralResult> {
    const samePerson = await this.patients.find(patient);
    if (samePerson !== state.patientSubjectId || !sameReferralDetails(state, { ...details, patientSubjectId: state.patientSubjectId })) {
      throw new IdempotencyKeyReusedError();
    }
    await this.recordInIndex(state, metadata);
    // A racing twin may not have projected yet: the relationships the read-back needs must be there.
    await this.readModels.waitFor(position);
    await this.acknowledge(state);
    // The first result: the referral as it was received — ReferralReceived, its urgent-triage event if any, and its
    // acknowledgement request (every referral since issue 12 item 18).
    const received = receivedFieldsOf(state);
    return { view: toReferralView({ status: 'Received', ...received }, viewer), revision: received.urgentTriageReasons.length > 0 ? 2 : 1, replayed: true };
  }
}
