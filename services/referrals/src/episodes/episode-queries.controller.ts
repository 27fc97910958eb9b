import { Inject, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, CurrentPrincipal, PatientAccess, PolicyAccessService, type Principal, Visibility } from '@stepwell/access';
import { etagOf, type HeaderSink, pageOf, CLOCK, type Clock } from '@stepwell/http';
import { EPISODE_VISIBILITY } from '../shared/referrals-visibility';
import { PatientCare } from '../shared/open-care';
import { ReferralsAccessTargets } from '../access/referrals-access-targets';
import { EpisodeCommands } from './episode-commands.service';
import { EpisodeIdParams, EpisodeListQuery, PatientIdParams } from '../shared/episode.requests';
import { EpisodeView, toEpisodeView } from './episode.view';


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
    private readonly policy: PolicyAccessService,
    private readonly targets: ReferralsAccessTargets,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('episodes/:id')
  // Providers (current, past within the retention period) see it in full; the referrer, an expired provider and a
  // voluntary-sector organisation it prescribed to see existence, dates and provider only; strangers get 404.
  @PatientAccess({ action: 'episode.read', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
  @ApiOkResponse({ type: EpisodeView, description: 'The episode with its waiting clock; ETag is its stream revision.' })
  async get(@Param() params: EpisodeIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<EpisodeView> {
    const { state, revision } = await this.episodes.load(params.id);
    response.setHeader('ETag', etagOf(revision));
    return toEpisodeView(state, this.clock.now());
  }

  @Get('patients/:patientId/episodes')
  // The route needs a relationship with the person; each episode is then shown only as far as the policy allows
  // (`episode.read`), and the page and its total count only those.
  @PatientAccess({
    action: 'patient.episodes',
    target: { type: 'patient', param: 'patientId' },
    resource: 'episode',
    items: { field: 'items', type: 'episode', action: 'episode.read' },
  })
  @Visibility(EPISODE_VISIBILITY)
  @ApiOkResponse({ type: EpisodePage, description: 'The person’s care episodes, oldest first.' })
  async list(
    @Param() params: PatientIdParams,
    @Query() query: EpisodeListQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentAccess() access: { basis: string },
  ): Promise<EpisodePage> {
    const now = this.clock.now();
    const episodes = await this.care.episodesOf(params.patientId);
    const targets = [];
    for (const { state } of episodes) {
      const target = await this.targets.resolve('episode', state.episodeId);
      if (target) targets.push(target);
    }
    const visibleIds = new Set((await this.policy.visible(principal, 'episode.read', targets, access.basis === 'break-glass')).map((t) => t.id));
    const all = episodes
      .filter(({ state }) => visibleIds.has(state.episodeId))
      .map(({ state }) => toEpisodeView(state, now))
      .filter((view) => !query.status || view.status === query.status);
    // Oversized pages are clamped rather than refused, as this endpoint always has.
    return pageOf(all, { page: query.page, pageSize: Math.min(query.pageSize, 200) });
  }
}
