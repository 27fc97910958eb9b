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

  /**
   * The commissioner (ICB or sub-ICB location, by its ODS code) whose area the organisation is in: for a GP practice,
   * the area its registered patients' care is commissioned for (the commissioner's `area=` on `GET /metrics/gaps`).
   */
  @Column({ name: 'commissioning_area', type: 'text', nullable: true })
  commissioningArea!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
