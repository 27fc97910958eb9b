import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReferralState } from '../domain/referral.decider';
import type { TriageDecision } from '../domain/referral-triage';
import {
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  WITHDRAWAL_REASONS,
  type ReferralSource,
  type ReferralUrgency,
  type WithdrawalReason,
} from '../domain/referral.vocabulary';
import { TRIAGE_OUTCOMES } from '../domain/stepped-care/referral-vocabulary';

export class RiskIndicatorsView {
  @ApiProperty()
  selfHarm!: boolean;

  @ApiProperty()
  suicidalThoughts!: boolean;

  @ApiProperty()
  harmToOthers!: boolean;

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

/** A referral as the API shows it: fields listed one by one, so that a new state field is never leaked by accident. */
export class ReferralView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['Received', 'Withdrawn', 'Triaged'] })
  status!: 'Received' | 'Withdrawn' | 'Triaged';

  @ApiProperty({ format: 'uuid', description: 'The person referred (opaque subject id)' })
  patientSubjectId!: string;

  @ApiProperty({ enum: REFERRAL_SOURCES })
  source!: ReferralSource;

  @ApiProperty({ example: 'RX4', description: 'ODS code of the receiving organisation' })
  receivingOrganisation!: string;

  @ApiProperty({ nullable: true, type: String, description: 'ODS code of the referring organisation; null for a self-referral' })
  referrerOrganisation!: string | null;

  @ApiProperty({ enum: REFERRAL_URGENCIES })
  urgency!: ReferralUrgency;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ type: [String] })
  presentingProblems!: string[];

  @ApiProperty({ type: RiskIndicatorsView })
  riskIndicators!: RiskIndicatorsView;

  @ApiProperty()
  consentToShare!: boolean;

  @ApiProperty({ type: [String], description: 'Why triage is needed at once (empty when it is not)' })
  urgentTriageReasons!: string[];

  @ApiProperty({ type: [String], description: 'Open referrals or episodes of the same person at the same organisation' })
  possibleDuplicateOf!: string[];

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  withdrawnAt?: string;

  @ApiPropertyOptional({ enum: WITHDRAWAL_REASONS })
  withdrawalReason?: WithdrawalReason;

  @ApiPropertyOptional({ type: TriageView })
  triage?: TriageView;
}

export function toReferralView(state: Exclude<ReferralState, { status: 'None' }>): ReferralView {
  const view: ReferralView = {
    id: state.referralId,
    status: state.status,
    patientSubjectId: state.patientSubjectId,
    source: state.source,
    receivingOrganisation: state.receivingOrganisation,
    referrerOrganisation: state.referrerOrganisation,
    urgency: state.urgency,
    reason: state.reason,
    presentingProblems: [...state.presentingProblems],
    riskIndicators: { ...state.riskIndicators },
    consentToShare: state.consentToShare,
    urgentTriageReasons: [...state.urgentTriageReasons],
    possibleDuplicateOf: [...state.possibleDuplicateOf],
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
