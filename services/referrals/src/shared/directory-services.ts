import { Injectable } from '@nestjs/common';
import type { ServiceCapacityReportedV1, ServiceListedV1 } from '@stepwell/contracts';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import { DataSource, type EntityManager } from 'typeorm';
import { DirectoryServiceNotActiveError, UnknownDirectoryServiceError } from '../domain/referral.errors';

/** A directory service as referrals knows it from the directory's events. */
export interface KnownDirectoryService {
  serviceId: string;
  organizationId: string;
  ownerOrganisationId: string;
  name: string;
  status: ServiceListedV1['status'];
  listedAt: string;
}

/**
 * The directory services referrals knows (issue 17 item 4), from `directory.service-listed` v1 (id, ORUK
 * organization, owner, name, status) and `directory.service-capacity-reported` v1. Written by the directory consumer
 * inside its inbox transaction (`manager`); the latest listing wins (`listedAt`), so an older version delivered late
 * changes nothing, and a capacity report arriving before its listing is kept until the listing comes.
 */
@Injectable()
export class DirectoryServices {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = qualifiedTable(readModelSchema(dataSource), 'directory_services');
  }

  async recordListed(manager: EntityManager, listing: ServiceListedV1): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} AS t (service_id, organization_id, owner_organisation_id, name, status, listed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (service_id) DO UPDATE SET
         organization_id = EXCLUDED.organization_id, owner_organisation_id = EXCLUDED.owner_organisation_id,
         name = EXCLUDED.name, status = EXCLUDED.status, listed_at = EXCLUDED.listed_at
       WHERE t.listed_at IS NULL OR t.listed_at <= EXCLUDED.listed_at`,
      [listing.serviceId, listing.organizationId, listing.ownerOrganisationId, listing.name, listing.status, listing.listedAt],
    );
  }

  async recordCapacity(manager: EntityManager, report: ServiceCapacityReportedV1): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} AS t (service_id, places_free, wait_days, capacity_reported_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (service_id) DO UPDATE SET
         places_free = EXCLUDED.places_free, wait_days = EXCLUDED.wait_days, capacity_reported_at = EXCLUDED.capacity_reported_at
       WHERE t.capacity_reported_at IS NULL OR t.capacity_reported_at <= EXCLUDED.capacity_reported_at`,
      [report.serviceId, report.placesFree, report.waitDays, report.reportedAt],
    );
  }

  /** The service's latest listing, or null when the directory has not listed it (a capacity report alone is not a listing). */
  async find(serviceId: string): Promise<KnownDirectoryService | null> {
    const rows: Array<{ service_id: string; organization_id: string; owner_organisation_id: string; name: string; status: KnownDirectoryService['status']; listed_at: Date }> =
      await this.dataSource.query(
        `SELECT service_id, organization_id, owner_organisation_id, name, status, listed_at FROM ${this.table} WHERE service_id = $1 AND listed_at IS NOT NULL`,
        [serviceId],
      );
    const row = rows[0];
    if (!row) return null;
    return { serviceId: row.service_id, organizationId: row.organization_id, ownerOrganisationId: row.owner_organisation_id, name: row.name, status: row.status, listedAt: row.listed_at.toISOString() };
  }

  /**
   * A signpost's service (H-DR3): listed by the directory and `active` (ORUK status), or a 422 naming
   * `directoryServiceId` before anything is written.
   */
  async assertSignpostable(serviceId: string): Promise<KnownDirectoryService> {
    const service = await this.find(serviceId);
    if (!service) throw new UnknownDirectoryServiceError(serviceId);
    if (service.status !== 'active') throw new DirectoryServiceNotActiveError(serviceId, service.status);
    return service;
  }
}
