import { Inject, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ActionNotPermittedError, CurrentPrincipal, PatientAccess, type Principal, Roles, Visibility } from '@stepwell/access';
import { pageEnvelope, pageOffset, PageQuery, CLOCK, type Clock } from '@stepwell/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { EpisodeWaitingRow } from '../read-models/episode-waiting.entity';
import { EPISODE_VISIBILITY } from '../shared/referrals-visibility';
import { EpisodePage } from './episode-queries.controller';
import { toEpisodeView } from './episode.view';
import { ODS_CODE } from '@stepwell/contracts';

const STATUSES = ['Waiting', 'Paused', 'InTreatment', 'Discharged'] as const;

/** `page` from 1, `pageSize` 1–200 (default 50), from the shared `PageQuery`. */
export class WaitingListQuery extends PageQuery {
  @ApiProperty({ example: 'RXT01', description: 'ODS code of the providing organisation' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'Default: Waiting' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only this step' })
  @IsOptional()
  @IsIn(['step-1', 'step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis'])
  step?: string;
}

@ApiTags('episodes')
@ApiBearerAuth()
@Controller('episodes')
export class WaitingListController {
  constructor(private readonly dataSource: DataSource, @Inject(CLOCK) private readonly clock: Clock) {}

  /** The organisation's episodes from the waiting-times read model, longest wait first, each with its waiting clock now. */
  @Get()
  @Roles('clinician', 'admin')
  // Each episode is decided by the policy (`episode.read`: its provider) and the read audited per patient.
  @PatientAccess({ action: 'episode.read', resource: 'episode', items: { field: 'items', type: 'episode', action: 'episode.read' } })
  @Visibility(EPISODE_VISIBILITY, { itemsField: 'items' })
  @ApiOkResponse({ type: EpisodePage, description: 'Episodes the caller’s own organisation provides (organisation must be it; 403 otherwise), longest wait first, with days waited and breach dates.' })
  async list(@Query() query: WaitingListQuery, @CurrentPrincipal() principal: Principal): Promise<EpisodePage> {
    // An organisation's own waiting list only: decided before anything (rows, total) is read.
    if (query.organisation !== principal.organisationId) throw new ActionNotPermittedError();
    const [rows, total] = await this.dataSource.getRepository(EpisodeWaitingRow).findAndCount({
      where: { providingOrganisationId: query.organisation, status: query.status ?? 'Waiting', ...(query.step ? { step: query.step } : {}) },
      order: { referralReceivedAt: 'ASC', episodeId: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    const now = this.clock.now();
    return pageEnvelope(rows.map((row) => toEpisodeView(row.state, now)), query, total);
  }
}
