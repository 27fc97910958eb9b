import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Gap watch (issue 18): one care-seeking thread as the referrer's view and the commissioner's metrics read it,
 * projected from the `carethread-<patientSubjectId>` streams. No free text: advice and decline text stay sealed in
 * the referral streams and are read from there by the view (so an erasure reaches them).
 */
@Entity({ name: 'care_threads' })
@Index('care_threads_by_referrer_status', ['referringOrganisationId', 'status'])
export class CareThreadRow {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId!: string;

  @Column({ name: 'patient_subject_id', type: 'text' })
  patientSubjectId!: string;

  /** The organisation that holds the thread (the referrer of its first refused referral); null: nobody does. */
  @Column({ name: 'referring_organisation_id', type: 'text', nullable: true })
  referringOrganisationId!: string | null;

  /** `open` or `resolved`. */
  @Column({ name: 'status', type: 'text' })
  status!: 'open' | 'resolved';

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'first_referral_received_at', type: 'timestamptz' })
  firstReferralReceivedAt!: Date;

  @Column({ name: 'risk_indicated', type: 'boolean' })
  riskIndicated!: boolean;

  /** When the overdue check found it waiting too long (the referring organisation's task); null: not overdue. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  @Column({ name: 'overdue_due_at', type: 'timestamptz', nullable: true })
  overdueDueAt!: Date | null;

  @Column({ name: 'flagged_at', type: 'timestamptz', nullable: true })
  flaggedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** `care-accepted` or `closed-by-referrer`; null while open. */
  @Column({ name: 'resolved_how', type: 'text', nullable: true })
  resolvedHow!: 'care-accepted' | 'closed-by-referrer' | null;

  /** Codes and organisations only: `{ source, sourceId, acceptingOrganisationId }` or `{ closeReason, closedBy }`. */
  @Column({ name: 'resolution', type: 'jsonb', nullable: true })
  resolution!: Record<string, unknown> | null;

  @Column({ name: 'last_position', type: 'bigint' })
  lastPosition!: string;
}

/** Every refusal recorded in a thread: who refused, how, with which codes (the text stays in the referral stream). */
@Entity({ name: 'care_thread_refusals' })
@Index('care_thread_refusals_by_thread', ['threadId'])
@Index('care_thread_refusals_by_decided_at', ['decidedAt'])
export class CareThreadRefusalRow {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId!: string;

  @Column({ name: 'patient_subject_id', type: 'text' })
  patientSubjectId!: string;

  @Column({ name: 'referring_organisation_id', type: 'text', nullable: true })
  referringOrganisationId!: string | null;

  @Column({ name: 'refusing_organisation_id', type: 'text' })
  refusingOrganisationId!: string;

  /** decline, return-with-advice, signpost, refer-on. */
  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: string | null;

  /** Codes and non-personal names: refer-on destination, signposted service and directory id, who decided (organisation, role). */
  @Column({ name: 'details', type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ name: 'referral_received_at', type: 'timestamptz' })
  referralReceivedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @Column({ name: 'risk_indicated', type: 'boolean' })
  riskIndicated!: boolean;

  /** The person's age band at the referral (`AGE_BANDS`), for the commissioner's equity view; null: not known. */
  @Column({ name: 'age_band', type: 'text', nullable: true })
  ageBand!: string | null;
}
