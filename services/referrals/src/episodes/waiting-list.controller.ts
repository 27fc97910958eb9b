import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PatientRecord, Roles, Visibility } from '@stepwell/access';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { EpisodeWaitingRow } from '../read-models/episode-waiting.entity';
import { EPISODE_VISIBILITY } from '../referrals-visibility';
import { EpisodePage } from './episode-queries.controller';
import { toEpisodeView } from './episode.view';

const STATUSES = ['Waiting', 'Paused', 'InTreatment', 'Discharged'] as const;

export class WaitingListQuery {
  @ApiProperty({ example: 'RXT01', description: 'ODS code of the providing organisation' })
  @Matches(/^[A-Z0-9]{3,10}$/, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'Default: Waiting' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only this step' })
  @IsOptional()
  @IsIn(['step-1', 'step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis'])
  step?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

@ApiTags('episodes')
@ApiBearerAuth()
@Controller('episodes')
export class WaitingListController {
  constructor(private readonly dataSource: DataSource) {}

  /** The organisation's episodes from the waiting-times read model, longest wait first, each with its waiting clock now. */
  @Get()
  @Roles('clinician', 'admin')
  @PatientRecord({ resource: 'episode', itemsField: 'items' })
  @Visibility(EPISODE_VISIBILITY, { itemsField: 'items' })
  @ApiOkResponse({ type: EpisodePage, description: 'Episodes at the organisation, longest wait first, with days waited and breach dates.' })
  async list(@Query() query: WaitingListQuery): Promise<EpisodePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [rows, total] = await this.dataSource.getRepository(EpisodeWaitingRow).findAndCount({
      where: { providingOrganisationId: query.organisation, status: query.status ?? 'Waiting', ...(query.step ? { step: query.step } : {}) },
      order: { referralReceivedAt: 'ASC', episodeId: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const now = new Date().toISOString();
    return { items: rows.map((row) => toEpisodeView(row.state, now)), page, pageSize, total };
  }
}
