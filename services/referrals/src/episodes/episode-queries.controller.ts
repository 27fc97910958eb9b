import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PatientRecord, Roles, Visibility } from '@stepwell/access';
import { etagOf, pageOf } from '@stepwell/http';
import type { HeaderSink } from '../header-sink';
import { EPISODE_VISIBILITY } from '../referrals-visibility';
import { PatientCare } from '../patient-index/open-care';
import { EpisodeCommands } from './episode-commands.service';
import { EpisodeIdParams, EpisodeListQuery, PatientIdParams } from './episode.requests';
import { EpisodeView, toEpisodeView } from './episode.view';

const READERS = ['clinician', 'admin', 'referrer'] as const;

export class EpisodePage {
  @ApiProperty({ type: [EpisodeView] }) items!: EpisodeView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

@ApiTags('episodes')
@ApiBearerAuth()
@Controller()
export class EpisodeQueriesController {
  constructor(
    private readonly episodes: EpisodeCommands,
    private readonly care: PatientCare,
  ) {}

  @Get('episodes/:id')
  @Roles(...READERS)
  @PatientRecord({ resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
  @ApiOkResponse({ type: EpisodeView, description: 'The episode with its waiting clock; ETag is its stream revision.' })
  async get(@Param() params: EpisodeIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<EpisodeView> {
    const { state, revision } = await this.episodes.load(params.id);
    response.setHeader('ETag', etagOf(revision));
    return toEpisodeView(state, new Date().toISOString());
  }

  @Get('patients/:patientId/episodes')
  @Roles(...READERS)
  // The relationship is checked on the route's patient before anything is read.
  @PatientRecord({ resource: 'episode', patientParam: 'patientId', itemsField: 'items' })
  @Visibility(EPISODE_VISIBILITY, { itemsField: 'items' })
  @ApiOkResponse({ type: EpisodePage, description: 'The person’s care episodes, oldest first.' })
  async list(@Param() params: PatientIdParams, @Query() query: EpisodeListQuery): Promise<EpisodePage> {
    const now = new Date().toISOString();
    const all = (await this.care.episodesOf(params.patientId))
      .map(({ state }) => toEpisodeView(state, now))
      .filter((view) => !query.status || view.status === query.status);
    // Oversized pages are clamped rather than refused, as this endpoint always has.
    return pageOf(all, { page: query.page, pageSize: Math.min(query.pageSize, 200) });
  }
}
