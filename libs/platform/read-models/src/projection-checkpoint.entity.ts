import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far each projection of a service has applied the event log. Kept in the service's own schema, so a
 * projection moves its checkpoint in the same transaction as its rows: a replayed event is recognised by its
 * position and skipped (idempotent projections), and a rebuild starts again from position 0 with a new version.
 * Every service creates the table with CreateProjectionCheckpoints1763700000000, its first migration.
 */
@Entity('projection_checkpoints')
export class ProjectionCheckpoint {
  @PrimaryColumn('text')
  projection!: string;

  /** Version of the projection's code/shape; a new version rebuilds from the start of the log. */
  @Column('integer')
  version!: number;

  /** Global log position of the last event applied; -1 before the first. */
  @Column('bigint', { transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  position!: number;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

