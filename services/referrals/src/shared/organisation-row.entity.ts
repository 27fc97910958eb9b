import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The organisation registry as projected from the `organisation-<code>` streams. */
@Entity({ name: 'organisation_registry' })
export class OrganisationRow {
  @PrimaryColumn({ name: 'code', type: 'text' })
  code!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'organisation_type', type: 'text' })
  organisationType!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
