import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, ORGANISATION_TYPES, type OrganisationType, type Principal, Roles } from '@stepwell/access';
import { CorrelationId } from '@stepwell/http';
import { IsIn, IsString, Length, Matches } from 'class-validator';
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
}

export class OrganisationView implements Organisation {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType!: OrganisationType;
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
    description: 'Registers an organisation or changes its name or type (role registry-admin); published as referrals.organisation-recorded.',
  })
  async put(
    @Param() params: OrganisationCodeParams,
    @Body() body: OrganisationRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganisationView> {
    const organisation = { code: params.code, name: body.name, organisationType: body.organisationType };
    await this.registry.record(organisation, actorOf(principal, ['registry-admin']), correlationId);
    return organisation;
  }
}
