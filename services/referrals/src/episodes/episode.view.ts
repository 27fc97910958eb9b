import { ApiProperty } from '@nestjs/swagger';
import { crisisTimers, nationalWaitingClock, waitingClockKindFor, type CrisisTimers, type NationalWaitingClock, type WaitingClockKind } from '@stepwell/contracts';
import { computeWaitingClock, type OpenedEpisodeState, type WaitingClock } from '../domain/care-episode';

export class EpisodeStepChangeView {
  @ApiProperty() stepChangeId!: string;
  @ApiProperty() fromStep!: string;
  @ApiProperty() toStep!: string;
  @ApiProperty() fromOrganisationId!: string;
  @ApiProperty() toOrganisationId!: string;
  @ApiProperty({ enum: ['up', 'down', 'across'] }) direction!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Who decided: user, organisation, role' }) decidedBy!: { userId: string; organisationId: string; role: string };
  @ApiProperty({ description: 'Scores, consultation and/or MDT case (`mdtCaseId`, only when named) the move rests on' }) evidence!: { scores: unknown[]; consultationId: string | null; mdtCaseId?: string };
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class EpisodeReviewFlagView {
  @ApiProperty() reviewId!: string;
  @ApiProperty({ description: 'Why the episode needs a clinical review, e.g. missed-appointments' }) reason!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Consecutive missed appointments behind the flag' })
  missedAppointments!: number | null;
  @ApiProperty({ description: 'ODS code of the organisation the review concerns' }) organisationId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A care episode as the API shows it (fields listed one by one). */
export class EpisodeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() referralId!: string;
  @ApiProperty() patientSubjectId!: string;
  @ApiProperty({ enum: ['Waiting', 'Paused', 'InTreatment', 'Discharged'] }) status!: string;
  @ApiProperty() step!: string;
  @ApiProperty({ description: 'ODS code of the organisation providing the current step' }) providingOrganisationId!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) optedInAt!: string | null;
  @ApiProperty({ description: 'Waiting-time pauses, in order' }) pauses!: Array<{ pauseId: string; from: string; to: string | null }>;
  @ApiProperty({ type: [EpisodeStepChangeView] }) stepChanges!: EpisodeStepChangeView[];
  @ApiProperty({ type: [EpisodeReviewFlagView], description: 'Clinical review flags (e.g. after missed appointments); never a discharge' })
  reviewFlags!: EpisodeReviewFlagView[];
  @ApiProperty({ nullable: true, type: Object }) discharge!: { reason: string; at: string } | null;
  @ApiProperty({ enum: ['talking-therapies', 'crisis', 'none'], description: 'Which clock applies at this step' })
  waitingClockKind!: WaitingClockKind;
  @ApiProperty({
    nullable: true,
    type: Object,
    description:
      'Headline, national and unadjusted (Talking Therapies steps only): London calendar days from referral received to the first attended treatment appointment, with the 6- and 18-week breach dates. Definition and source: NATIONAL_WAITING_TIME_DEFINITION in @stepwell/contracts. Null for crisis, secondary care and complex needs.',
  })
  waitingClock!: NationalWaitingClock | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'Local figure beside the headline: the same wait minus pauses (patient unavailable), with breach dates moved by the pauses. Not a national measure.',
  })
  localWaitingClock!: WaitingClock | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'Crisis episodes only: 4-hour assessment and 48-hour rapid-response timers (CRISIS_TIMERS_DEFINITION in @stepwell/contracts).',
  })
  crisisTimers!: CrisisTimers | null;
}

export function toEpisodeView(state: OpenedEpisodeState, now: string): EpisodeView {
  return {
    id: state.episodeId,
    referralId: state.referralId,
    patientSubjectId: state.patientSubjectId,
    status: state.status,
    step: state.step,
    providingOrganisationId: state.providingOrganisationId,
    openedAt: state.opened.at,
    optedInAt: state.optedInAt,
    pauses: state.pauses.map((pause) => ({ ...pause })),
    stepChanges: state.stepChanges.map((change) => ({
      stepChangeId: change.stepChangeId,
      fromStep: change.fromStep,
      toStep: change.toStep,
      fromOrganisationId: change.fromOrganisationId,
      toOrganisationId: change.toOrganisationId,
      direction: change.direction,
      reason: change.reason,
      decidedBy: { ...change.decidedBy },
      evidence: { scores: [...change.evidence.scores], consultationId: change.evidence.consultationId, ...(change.evidence.mdtCaseId ? { mdtCaseId: change.evidence.mdtCaseId } : {}) },
      at: change.at,
    })),
    reviewFlags: state.reviewFlags.map((flag) => ({
      reviewId: flag.reviewId,
      reason: flag.reason,
      missedAppointments: flag.missedAppointments,
      organisationId: flag.organisationId,
      at: flag.at,
    })),
    discharge: state.status === 'Discharged' ? { reason: state.discharge.reason, at: state.discharge.at } : null,
    ...clocksOf(state, now),
  };
}

/**
 * The clocks an episode shows, by the step it was opened at (the referral's pathway): Talking Therapies steps show
 * the national clock with the local pause-adjusted one beside it; crisis shows the crisis timers; secondary care
 * and complex needs show no national clock.
 */
export function clocksOf(state: OpenedEpisodeState, now: string): Pick<EpisodeView, 'waitingClockKind' | 'waitingClock' | 'localWaitingClock' | 'crisisTimers'> {
  const kind = waitingClockKindFor(state.opened.step);
  const firstTreatmentAt = state.firstTreatmentAppointment?.at ?? null;
  if (kind === 'talking-therapies') {
    return {
      waitingClockKind: kind,
      waitingClock: nationalWaitingClock({
        referralReceivedAt: state.referralReceivedAt,
        firstAttendedTreatmentAt: firstTreatmentAt,
        endedBeforeTreatmentAt: state.status === 'Discharged' && firstTreatmentAt === null ? state.discharge.at : null,
        asOf: now,
      }),
      localWaitingClock: computeWaitingClock(state, now),
      crisisTimers: null,
    };
  }
  if (kind === 'crisis') {
    // The first attended treatment (or assessment-and-treatment) contact meets both timers (see hazard log H-W4).
    return {
      waitingClockKind: kind,
      waitingClock: null,
      localWaitingClock: null,
      crisisTimers: crisisTimers({ referralReceivedAt: state.referralReceivedAt, assessedAt: firstTreatmentAt, respondedAt: firstTreatmentAt, asOf: now }),
    };
  }
  return { waitingClockKind: kind, waitingClock: null, localWaitingClock: null, crisisTimers: null };
}
