import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AccessLog, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { CorrelationId } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { patientEventsReport } from '../case-history/patient-events';
import { TreeHeads } from '../heads/tree-heads.service';
import { TransparencyTree } from '../log/transparency-tree';
import type { TransparencyReport } from '../verify/report';
import { TRANSPARENCY_OPTIONS, TRANSPARENCY_RUNNER, type TransparencyModuleOptions } from '../transparency-tokens';

/** Patient subject ids as the services mint them (UUIDs, or the test and demo ids). */
const PATIENT_SUBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export class CaseHistoryParams {
  @ApiProperty({ description: 'The patient subject id' })
  @Matches(PATIENT_SUBJECT_ID, { message: 'patientId must be a patient subject id' })
  patientId!: string;
}

export class CaseHistoryQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The record as it stood at this instant (events committed at or before it); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 instant' })
  asOf?: string;
}

/** One service's part of a patient's case history: its events of the person with proofs, and the head they lead to. */
export interface CaseHistoryPart {
  service: string;
  patientSubjectId: string;
  asOf: string;
  report: TransparencyReport;
}

/**
 * `GET /audit/patients/{patientId}/events?asOf=` (issue 19 item 3): what this service recorded about the person up to
 * `asOf`, in stored form with inclusion proofs against the earliest signed head that holds them (one is signed now
 * when none does). For the `auditor` of an
 * organisation with a care relationship with the person, or a `national-auditor` (the access log's rule); an audited
 * read. `npm run audit -- case-history` gathers every service's part and verifies it (docs/audit.md).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/patients/:patientId/events')
export class CaseHistoryController {
  constructor(
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(TreeHeads) private readonly heads: TreeHeads,
    @Inject(TransparencyTree) private readonly tree: TransparencyTree,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TRANSPARENCY_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(TRANSPARENCY_OPTIONS) private readonly options: TransparencyModuleOptions,
  ) {}

  @Get()
  @Roles('auditor', 'national-auditor')
  @ApiOkResponse({ description: 'The service’s events of the person (stored form, previous chain link, inclusion proof) and the signed head they lead to. 403 `no-legitimate-relationship` to an auditor whose organisation has no relationship with the person (as the access log).' })
  async events(
    @Param() params: CaseHistoryParams,
    @Query() query: CaseHistoryQuery,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
  ): Promise<CaseHistoryPart> {
    const asOf = (query.asOf === undefined ? new Date() : new Date(query.asOf)).toISOString();
    const run = (sql: string, parameters?: unknown[]) => this.dataSource.query(sql, parameters) as Promise<unknown>;
    return this.accessLog.oversee(principal, params.patientId, { resource: 'case-history', correlationId }, async () => {
      // Every event committed so far is in the tree before a head is signed over it, so the head covers the answer.
      const upToPosition = await this.store.headPosition();
      await this.runner.waitFor(upToPosition);
      // The earliest head that holds the events (the same document for the same past instant), else one signed now.
      const headFor = async (size: number) => (await this.heads.firstCovering(size)) ?? (await this.heads.issue());
      const report = await patientEventsReport({
        query: run,
        eventStoreSchema: this.options.eventStoreSchema ?? `${this.options.service}_events`,
        tree: this.tree,
        headFor,
        store: this.store,
        upToPosition,
        patientSubjectId: params.patientId,
        asOf,
      });
      return { service: this.options.service, patientSubjectId: params.patientId, asOf, report };
    });
  }
}
