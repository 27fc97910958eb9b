import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@stepwell/access';
import { DirectoryQueries, type DirectoryFeed } from '../shared/directory-queries';

/** The whole directory as one ORUK JSON document: what `npm run directory:import` reads back, record for record. */
@ApiTags('open-referral-uk')
@Controller('export')
@Public()
export class ExportController {
  constructor(private readonly queries: DirectoryQueries) {}

  @Get()
  @ApiOkResponse({
    description:
      '{ version, taxonomies, taxonomy_terms, organizations, locations, services } — each record as stored (ORUK 3.0 fields; a service ' +
      'may carry stepwell_capacity). Public data only; last_modified and owners are not part of it.',
  })
  export(): Promise<DirectoryFeed> {
    return this.queries.exportFeed();
  }
}
