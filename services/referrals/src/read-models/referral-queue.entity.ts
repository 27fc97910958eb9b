import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One referral as the triage queue sees it (projected from the referral streams). No clinical text and no
 * demographics: the queue lists who is waiting and how urgently; the referral itself is read from its stream.
 */
@Entity({ name: 'referral_queue' })
@Index('referral_queue_by_organisation_status', ['receivingOrganisation', 'status'])
export class ReferralQueueRow {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'patient_subject_id', type: 'text' })
  patientSubjectId!: string;

  /** ODS code of the receiving organisation. */
  @Column({ name: 'receiving_organisation', type: 'text' })
  receivingOrganisation!: string;

  @Column({ name: 'source', type: 'text' })
  source!: string;

  /** `awaiting-triage`, `withdrawn`, or `triaged`. */
  @Column({ name: 'status', type: 'text' })
  status!: string;

  /** Null only while an incomplete referral lacks it (issue 12 item 9). */
  @Column({ name: 'urgency', type: 'text', nullable: true })
  urgency!: string | null;

  /** Queue order within the urgent-triage flag: crisis 0, urgent 1, routine 2. */
  @Column({ name: 'urgency_rank', type: 'integer' })
  urgencyRank!: number;

  /** Crisis urgency or suicidal thoughts: first in every queue. */
  @Column({ name: 'urgent_triage', type: 'boolean' })
  urgentTriage!: boolean;

  /** Received with required answers missing but a risk answer given; false once completed. */
  @Column({ name: 'incomplete', type: 'boolean', default: false })
  incomplete!: boolean;

  /** The required answers still missing (field paths); empty when complete. */
  @Column({ name: 'missing_fields', type: 'jsonb', default: () => "'[]'::jsonb" })
  missingFields!: string[];

  @Column({ name: 'possible_duplicate', type: 'boolean' })
  possibleDuplicate!: boolean;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'triage_outcome', type: 'text', nullable: true })
  triageOutcome!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** Global position of the last event applied: a replayed event is recognised and skipped. */
  @Column({ name: 'last_position', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lastPosition!: number;
}
