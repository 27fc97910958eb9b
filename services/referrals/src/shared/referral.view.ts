import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReferralState } from '../domain/referral.decider';
import type { TriageDecision } from '../domain/referral-triage';
import {
  IDENTITY_VERIFICATION_METHODS,
  type IdentityVerificationMethod,
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  WITHDRAWAL_REASONS,
  CONSULTATION_SOURCE,
  type ReferralRecordSource,
  type ReferralUrgency,
  type WithdrawalReason,
} from '../domain/referral.vocabulary';
import { TRIAGE_OUTCOMES } from '../domain/stepped-care/referral-vocabulary';
import { COMPLETABLE_REFERRAL_FIELDS, type CompletableReferralField } from '../domain/referral-completeness';

/** null: not answered (only while the referral is incomplete, issue 12 item 9). */
export class RiskIndicatorsView {
  @ApiProperty({ nullable: true, type: Boolean })
  selfHarm!: boolean | null;

  @ApiProperty({ nullable: true, type: Boolean })
  suicidalThoughts!: boolean | null;

  @ApiProperty({ nullable: true, type: Boolean })
  harmToOthers!: boolean | null;

  @ApiProperty({ nullable: true, type: String })
  notes!: string | null;
}

export class TriageView {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  outcome!: TriageDecision['outcome'];

  @ApiProperty({ format: 'date-time' })
  decidedAt!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The care episode an acceptance opened' })
  episodeId!: string | null;

  @ApiProperty({ description: 'The decision as stated (step, organisation, reason, advice, ...)' })
  decision!: TriageDecision;
}

export class PossibleDuplicatePatientView {
  @ApiProperty({ enum: ['nhs-number-held-by-another-record', 'demographics-match-several'] })
  reason!: 'nhs-number-held-by-another-record' | 'demographics-match-several';

  @ApiProperty({ type: [String], description: 'Subject ids of the other records' })
  candidates!: string[];
}

export class MissingAnswerView {
  @ApiProperty({ enum: COMPLETABLE_REFERRAL_FIELDS })
  field!: string;

  @ApiProperty({ type: [String] })
  messages!: string[];
}

/** RFC 9457-style details of the answers an incomplete referral lacks (in the 202 of `POST /referrals`). */
export class MissingAnswersView {
  @ApiProperty({ example: 'https://stepwell.example/problems/referral-incomplete' })
  type!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ example: 202 })
  status!: number;

  @ApiProperty()
  detail!: string;

  @ApiProperty({ type: [MissingAnswerView] })
  errors!: MissingAnswerView[];
}

export class IdentityVerificationView {
  @ApiProperty({
    enum: ['not-needed', 'unverified', 'verified'],
    description:
      '`not-needed`: an organisation sent the referral; `unverified`: a self-referral nobody has verified yet — relationships resting on it reach this referral and its episode only (hazard H-A1); `verified`: recorded by the receiving organisation',
  })
  status!: 'not-needed' | 'unverified' | 'verified';

  @ApiProperty({ enum: IDENTITY_VERIFICATION_METHODS, nullable: true })
  method!: IdentityVerificationMethod | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  verifiedAt!: string | null;
}

/** A referral as the API shows it: fields listed one by one, so that a new state field is never leaked by accident. */
export class ReferralView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: ['Received', 'Incomplete', 'Withdrawn', 'Triaged'],
    description: '`Incomplete`: received with required answers missing but a risk answer given (see `missingFields`); complete it with POST /referrals/{id}/complete',
  })
  status!: 'Received' | 'Incomplete' | 'Withdrawn' | 'Triaged';

  @ApiProperty({ format: 'uuid', description: 'The person referred (opaque subject id)' })
  patientSubjectId!: string;

  @ApiProperty({ enum: [...REFERRAL_SOURCES, CONSULTATION_SOURCE], description: '`consultation`: created from a specialist consultation’s answer (see `consultationId`) or an MDT case discussion’s decision (see `mdtCaseId`)' })
  source!: ReferralRecordSource;

  @ApiProperty({ nullable: true, type: String, description: 'The consultation whose answer made this referral (its evidence); null for any other referral' })
  consultationId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The MDT case whose decision made this referral (its evidence, source `consultation`); null for any other referral' })
  mdtCaseId!: string | null;

  @ApiProperty({ example: 'RX4', description: 'ODS code of the receiving organisation' })
  receivingOrganisation!: string;

  @ApiProperty({ nullable: true, type: String, description: 'ODS code of the referring organisation; null for a self-referral' })
  referrerOrganisation!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'A81001', description: 'The GP practice the person is registered with (ODS code) or `not-registered`; null on referrals received before it was captured' })
  registeredGpPractice!: string | null;

  @ApiProperty({ enum: REFERRAL_URGENCIES, nullable: true, description: 'null only while missing from an incomplete referral' })
  urgency!: ReferralUrgency | null;

  @ApiProperty({ nullable: true, type: String, description: 'null only while missing from an incomplete referral' })
  reason!: string | null;

  @ApiProperty({ type: [String], nullable: true, description: 'null only while missing from an incomplete referral' })
  presentingProblems!: string[] | null;

  @ApiProperty({ type: RiskIndicatorsView })
  riskIndicators!: RiskIndicatorsView;

  @ApiProperty({ nullable: true, type: Boolean, description: 'null only while missing from an incomplete referral' })
  consentToShare!: boolean | null;

  @ApiProperty({
    type: [String],
    enum: COMPLETABLE_REFERRAL_FIELDS,
    description: 'Required answers still missing (empty for a complete referral): the fields POST /referrals/{id}/complete must supply',
  })
  missingFields!: CompletableReferralField[];

  @ApiProperty({ type: IdentityVerificationView, description: 'Whether the person a self-referral names is verified (POST /referrals/{id}/identity-verification)' })
  identityVerification!: IdentityVerificationView;

  @ApiProperty({ type: [String], description: 'Why triage is needed at once (empty when it is not)' })
  urgentTriageReasons!: string[];

  @ApiProperty({
    type: [String],
    description:
      'Open referrals or episodes of the same person at the receiving organisation. Shown only to the receiving organisation (its triage); empty for anyone else, so that a second referrer never learns of the first referral.',
  })
  possibleDuplicateOf!: string[];

  @ApiProperty({
    type: PossibleDuplicatePatientView,
    nullable: true,
    description:
      'The patient index found other records that may be this person (never merged silently: an admin merges with POST /patients/{id}/merge). Shown only to the receiving organisation; null for anyone else.',
  })
  possibleDuplicatePatient!: PossibleDuplicatePatientView | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  withdrawnAt?: string;

  @ApiPropertyOptional({ enum: WITHDRAWAL_REASONS })
  withdrawalReason?: WithdrawalReason;

  @ApiPropertyOptional({ type: TriageView })
  triage?: TriageView;

  @ApiPropertyOptional({ type: MissingAnswersView, description: 'Only in the 202 of an incomplete referral: what is missing, as problem details' })
  missingAnswers?: MissingAnswersView;
}

/**
 * `viewerOrganisationId`: the organisation the response goes to. Duplicate markers are the receiving
 * organisation's triage information about its own records (issue 10 item 3): anyone else (a second GP referring
 * the same person, an anonymous self-referral) gets an empty list and null.
 */
export function toReferralView(state: Exclude<ReferralState, { status: 'None' }>, viewerOrganisationId: string | null): ReferralView {
  const receiving = viewerOrganisationId !== null && viewerOrganisationId === state.receivingOrganisation;
  const view: ReferralView = {
    id: state.referralId,
    status: state.status,
    patientSubjectId: state.patientSubjectId,
    source: state.source,
    consultationId: state.consultationId ?? null,
    mdtCaseId: state.mdtCaseId ?? null,
    receivingOrganisation: state.receivingOrganisation,
    referrerOrganisation: state.referrerOrganisation,
    registeredGpPractice: state.registeredGpPractice,
    urgency: state.urgency,
    reason: state.reason,
    presentingProblems: state.presentingProblems === null ? null : [...state.presentingProblems],
    riskIndicators: { ...state.riskIndicators },
    consentToShare: state.consentToShare,
    missingFields: [...state.missingFields],
    identityVerification:
      state.source !== 'self'
        ? { status: 'not-needed', method: null, verifiedAt: null }
        : state.identityVerification === null
          ? { status: 'unverified', method: null, verifiedAt: null }
          : { status: 'verified', method: state.identityVerification.method, verifiedAt: state.identityVerification.verifiedAt },
    urgentTriageReasons: [...state.urgentTriageReasons],
    possibleDuplicateOf: receiving ? [...state.possibleDuplicateOf] : [],
    possibleDuplicatePatient:
      receiving && state.possibleDuplicatePatient
        ? { reason: state.possibleDuplicatePatient.reason, candidates: [...state.possibleDuplicatePatient.candidates] }
        : null,
    receivedAt: state.receivedAt,
  };
  if (state.status === 'Withdrawn') {
    view.withdrawnAt = state.withdrawnAt;
    view.withdrawalReason = state.withdrawalReason;
  }
  if (state.status === 'Triaged') {
    view.triage = { outcome: state.decision.outcome, decidedAt: state.decidedAt, episodeId: state.episodeId, decision: state.decision };
  }
  return view;
}
