import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OpenedEpisodeState } from '../domain/care-episode';

/**
 * One care episode as the organisation's waiting-times list sees it (projected from the episode streams): who is
 * waiting where, at which step, since when. `state` is the folded episode, from which each answer computes the
 * waiting clock as of its own instant (pauses move the breach dates, so they are not stored).
 */
@Entity({ name: 'episode_waiting' })
@Index('episode_waiting_by_organisation_status', ['providingOrganisationId', 'status'])
export class EpisodeWaitingRow {
  @PrimaryColumn({ name: 'episode_id', type: 'uuid' })
  episodeId!: string;

  @Column({ name: 'patient_subject_id', type: 'text' })
  patientSubjectId!: string;

  @Column({ name: 'providing_organisation_id', type: 'text' })
  providingOrganisationId!: string;

  @Column({ name: 'step', type: 'text' })
  step!: string;

  /** Waiting, Paused, InTreatment or Discharged. */
  @Column({ name: 'status', type: 'text' })
  status!: string;

  @Column({ name: 'referral_received_at', type: 'timestamptz' })
  referralReceivedAt!: Date;

  @Column({ name: 'state', type: 'jsonb' })
  state!: OpenedEpisodeState;

  @Column({ name: 'last_position', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lastPosition!: number;
}
