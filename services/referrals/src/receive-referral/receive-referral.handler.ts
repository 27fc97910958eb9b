import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CommandHandler, deterministicUuid } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { findPossibleDuplicates } from '../domain/patient-identity';
import {
  receivedFieldsOf,
  referralStreamId,
  sameReferralDetails,
  type ReferralCommand,
  type ReferralDetails,
  type ReferralEvent,
  type ReferralState,
} from '../domain/referral.decider';
import { toReferralView, type ReferralView } from '../get-referral/referral.view';
import { PatientCare } from '../patient-index/open-care';
import { PatientIndex, type PatientToFind } from '../patient-index/patient-index';
import { OrganisationRegistry } from '../organisations/organisation-registry';
import { ReferralsProjection } from '../read-models/referrals-projection';
import { REFERRAL_COMMANDS } from '../referral-commands';
import { requestMetadata } from '../request-metadata';

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

@Injectable()
export class ReceiveReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly patients: PatientIndex,
    private readonly care: PatientCare,
    private readonly projection: ReferralsProjection,
    private readonly organisations: OrganisationRegistry,
  ) {}

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

    const receivedAt = new Date().toISOString();
    const baseMetadata = requestMetadata(context.correlationId, receivedAt, context.actor);
    if (key) {
      const earlier = await this.referrals.load(streamId);
      if (earlier.state.status !== 'None') return this.replay(earlier.state, details, patient, baseMetadata);
    }

    const subjectIdIfNew = key ? deterministicUuid(`referrals/patient/${context.scope}/${key}`) : randomUUID();
    const { patientSubjectId } = await this.patients.findOrRegister(patient, baseMetadata, subjectIdIfNew);
    const possibleDuplicateOf = findPossibleDuplicates(
      { referralId, patientSubjectId, organisationId: details.receivingOrganisation },
      await this.care.openCareOf(patientSubjectId),
    ).map((item) => item.id);

    let result;
    try {
      result = await this.referrals.handle(
        streamId,
        { type: 'ReceiveReferral', data: { referralId, ...details, patientSubjectId, receivedAt, possibleDuplicateOf } },
        { metadata: { ...baseMetadata, patientSubjectId } },
      );
    } catch (error) {
      // A twin request with the same key but other details won the race.
      if (key && (error as { code?: unknown }).code === 'REFERRAL_ALREADY_EXISTS') throw new IdempotencyKeyReusedError();
      throw error;
    }
    if (result.state.status === 'None' || result.revision === null) throw new Error('A received referral folded to no referral');
    if (result.events.length === 0) return this.replay(result.state, details, patient, baseMetadata);
    await this.recordInIndex(result.state, baseMetadata);
    await this.projection.catchUp();
    return { view: toReferralView(result.state), revision: result.revision, replayed: false };
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
    details: Omit<ReferralDetails, 'patientSubjectId'>,
    patient: PatientToFind,
    metadata: ReturnType<typeof requestMetadata>,
  ): Promise<ReceiveReferralResult> {
    const samePerson = await this.patients.find(patient);
    if (samePerson !== state.patientSubjectId || !sameReferralDetails(state, { ...details, patientSubjectId: state.patientSubjectId })) {
      throw new IdempotencyKeyReusedError();
    }
    await this.recordInIndex(state, metadata);
    // A racing twin may not have projected yet: the relationships the read-back needs must be there.
    await this.projection.catchUp();
    // The first result: the referral as it was received (revision 0, or 1 with its urgent-triage event).
    const received = receivedFieldsOf(state);
    return { view: toReferralView({ status: 'Received', ...received }), revision: received.urgentTriageReasons.length > 0 ? 1 : 0, replayed: true };
  }
}
