import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One organisation's part in one patient's care, for one reason. Kept in each service's own schema (the entity
 * names no schema: the service's DataSource `schema` decides). Past relationships still count: a service that
 * once cared for a patient may read what it contributed, so rows are never deleted by events.
 */
@Entity({ name: 'care_relationship' })
@Index('care_relationship_by_organisation', ['organisationId', 'patientSubjectId'])
export class CareRelationshipEntity {
  @PrimaryColumn({ name: 'patient_subject_id', type: 'text' })
  patientSubjectId!: string;

  /** ODS code. */
  @PrimaryColumn({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @PrimaryColumn({ name: 'reason', type: 'text' })
  reason!: string;

  /** The referral (`referral:<id>`) or episode (`episode:<id>`) the relationship is about; `''` = the whole patient (legacy). */
  @PrimaryColumn({ name: 'scope', type: 'text', default: '' })
  scope!: string;

  /** When it ended (a provider handed over or discharged); null while it lasts. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /**
   * False while the relationship rests on an unverified self-referral (hazard H-A1): it then reaches its own referral
   * or episode only, never the rest of the person's care (`relationshipKinds`).
   */
  @Column({ name: 'identity_verified', type: 'boolean', default: true })
  identityVerified!: boolean;

  /** Earliest time the relationship is known from (the event's occurredAt). */
  @Column({ name: 'since', type: 'timestamptz' })
  since!: Date;

  /** The integration event that first established it. */
  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId!: string;

  @Column({ name: 'source_event_type', type: 'text' })
  sourceEventType!: string;
}
