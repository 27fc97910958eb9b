import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A referral as scheduling knows it from the referrals service's events: the seed of its waiting list. Waiting
 * means received and not withdrawn. The two events of a referral may arrive in either order (they are keyed by
 * patient, and a referral without one is spread by message id), so every column but the key may be null until
 * both have arrived.
 */
@Entity({ name: 'referral_intake' })
export class ReferralIntakeEntity {
  @PrimaryColumn({ type: 'text', name: 'referral_id' })
  referralId!: string;

  /** ODS code of the organisation the referral was sent to. */
  @Column({ type: 'text', name: 'receiving_organisation_id', nullable: true })
  receivingOrganisationId!: string | null;

  @Column({ type: 'text', nullable: true })
  urgency!: string | null;

  @Column({ type: 'timestamptz', name: 'received_at', nullable: true })
  receivedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'withdrawn_at', nullable: true })
  withdrawnAt!: Date | null;

  /** How many referral events this row reflects: each event takes effect once, so a duplicate would show here. */
  @Column({ type: 'integer', name: 'events_applied', default: 0 })
  eventsApplied!: number;
}
