import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, ORGANISATION_TYPES, type OrganisationType, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, RequestValidationError } from '@stepwell/http';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Organisation } from '../shared/organisation-events';
import { OrganisationRegistry } from '../shared/organisation-registry';
import { ODS_CODE } from '@stepwell/contracts';

export class OrganisationCodeParams {
  @ApiProperty({ example: 'RXT01', description: 'ODS code' })
  @Matches(ODS_CODE, { message: 'code must be an ODS code' })
  code!: string;
}

export class OrganisationRequest {
  @ApiProperty({ example: 'Example NHS Talking Therapies' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  organisationType!: OrganisationType;

  @ApiPropertyOptional({
    example: 'QWE01',
    description: 'ODS code of the commissioner (ICB or sub-ICB location, a registered commissioner organisation) whose area the organisation is in; the commissioner’s `area` on GET /metrics/gaps',
  })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'commissioningArea must be an ODS code' })
  commissioningArea?: string;
}

export class OrganisationView implements Organisation {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType!: OrganisationType;
  @ApiPropertyOptional({ description: 'The commissioner whose area the organisation is in (absent when not recorded)' }) commissioningArea?: string | null;
}

/** The organisation registry: who may receive referrals. No patient data. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly registry: OrganisationRegistry) {}

  @Get()
  @ApiOkResponse({ type: [OrganisationView], description: 'Every organisation the platform knows (any signed-in user).' })
  list(): Promise<OrganisationView[]> {
    return this.registry.list();
  }

  @Put(':code')
  @Roles('registry-admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: OrganisationView,
    description: 'Registers an organisation or changes its name, type or commissioning area (role registry-admin); published as referrals.organisation-recorded.',
  })
  async put(
    @Param() params: OrganisationCodeParams,
    @Body() body: OrganisationRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganisationView> {
    if (body.commissioningArea !== undefined) {
      const commissioner = await this.registry.assertKnown(body.commissioningArea, 'commissioningArea');
      if (commissioner.organisationType !== 'commissioner') {
        throw new RequestValidationError([{ field: 'commissioningArea', messages: ['commissioningArea must be a commissioner organisation'] }]);
      }
    }
    const organisation = {
      code: params.code,
      name: body.name,
      organisationType: body.organisationType,
      ...(body.commissioningArea === undefined ? {} : { commissioningArea: body.commissioningArea }),
    };
    await this.registry.record(organisation, actorOf(principal, ['registry-admin']), correlationId);
    return organisation;
  }
}
