import { IsIn, IsString, Length, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE } from '../../shared/identifiers';

/** Organisation types of the registry (the access policy's vocabulary). */
export const REGISTRY_ORGANISATION_TYPES = [
  'gp-practice',
  'talking-therapies',
  'psychotherapy-consultation',
  'secondary-care',
  'crisis-team',
  'voluntary-sector',
  'commissioner',
  'audit',
] as const;
export type RegistryOrganisationType = (typeof REGISTRY_ORGANISATION_TYPES)[number];

/** An organisation was added to the platform's registry, or its name or type changed. No patient data. */
export interface OrganisationRecordedV1 {
  /** ODS code. */
  code: string;
  name: string;
  organisationType: RegistryOrganisationType;
  change: 'registered' | 'changed';
  /** ISO 8601. */
  recordedAt: string;
}

export class OrganisationRecordedV1Payload implements OrganisationRecordedV1 {
  @IsString()
  @Matches(ODS_CODE)
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(REGISTRY_ORGANISATION_TYPES)
  organisationType!: RegistryOrganisationType;

  @IsIn(['registered', 'changed'])
  change!: 'registered' | 'changed';

  @IsInstant()
  recordedAt!: string;
}

export const OrganisationRecordedV1Contract = defineContract<OrganisationRecordedV1>({
  type: 'referrals.organisation-recorded',
  version: 1,
  producer: 'referrals',
  payload: OrganisationRecordedV1Payload,
  description: 'An organisation was registered on the platform or changed (code, name, type): the organisation registry.',
});
