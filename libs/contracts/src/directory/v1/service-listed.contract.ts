import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** ORUK 3.0 service `status`: only `active` takes referrals or signposts. */
export const DIRECTORY_SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type DirectoryServiceStatus = (typeof DIRECTORY_SERVICE_STATUSES)[number];

/**
 * A service was listed in the directory, or its listing changed: what another service needs to check a service id it
 * is given (a triage signpost) — the id, its ORUK organization, the owning Stepwell organisation, name and status. The
 * listing itself is public (ORUK API); nothing personal is in it.
 */
export interface ServiceListedV1 {
  serviceId: string;
  /** The ORUK organization record's id. */
  organizationId: string;
  /** The Stepwell organisation (ODS code) that owns the listing. */
  ownerOrganisationId: string;
  name: string;
  status: DirectoryServiceStatus;
  /** ISO 8601: when this version of the listing was recorded. */
  listedAt: string;
}

export class ServiceListedV1Payload implements ServiceListedV1 {
  @IsString() @Matches(OPAQUE_ID) serviceId!: string;
  @IsString() @Matches(OPAQUE_ID) organizationId!: string;
  @IsString() @Matches(ODS_CODE) ownerOrganisationId!: string;
  @IsString() @Length(1, 255) name!: string;
  @IsIn(DIRECTORY_SERVICE_STATUSES) status!: DirectoryServiceStatus;
  @IsInstant() listedAt!: string;
}

export const ServiceListedV1Contract = defineContract<ServiceListedV1>({
  type: 'directory.service-listed',
  version: 1,
  producer: 'directory',
  payload: ServiceListedV1Payload,
  description: 'A directory service was listed or its listing changed (id, organization, owner, name, ORUK status).',
});

/** A service's provider reported its capacity: places free now and the current wait. */
export interface ServiceCapacityReportedV1 {
  serviceId: string;
  placesFree: number;
  waitDays: number;
  /** ISO 8601: when the provider reported it. */
  reportedAt: string;
}

export class ServiceCapacityReportedV1Payload implements ServiceCapacityReportedV1 {
  @IsString() @Matches(OPAQUE_ID) serviceId!: string;
  @IsInt() @Min(0) @Max(100_000) placesFree!: number;
  @IsInt() @Min(0) @Max(3650) waitDays!: number;
  @IsInstant() reportedAt!: string;
}

export const ServiceCapacityReportedV1Contract = defineContract<ServiceCapacityReportedV1>({
  type: 'directory.service-capacity-reported',
  version: 1,
  producer: 'directory',
  payload: ServiceCapacityReportedV1Payload,
  description: 'A directory service’s provider reported places free and the current wait.',
});
