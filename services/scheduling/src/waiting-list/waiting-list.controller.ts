import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { WAITING_LIST_POLICY } from '../access/visibility-policies';
import { CARE_STEPS, type CareStep, ODS_CODE } from '@stepwell/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageParams } from '../shared/list-clinicians.params';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { BOOKING_ROLES } from '../shared/scheduling-roles';
import { WaitingListPage } from './waiting-list.view';
import { WaitingListQuery } from './waiting-list.query';

export class WaitingListParams extends PageParams {
  @ApiProperty({ example: 'RXT01', description: 'ODS code of the providing organisation (the caller’s own)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: CARE_STEPS })
  @IsOptional()
  @IsIn(CARE_STEPS)
  step?: CareStep;
}

@ApiTags('waiting-list')
@ApiBearerAuth()
@Controller('waiting-list')
export class WaitingListController {
  constructor(private readonly query: WaitingListQuery) {}

  @Get()
  @Roles(...BOOKING_ROLES)
  @PatientRecord({ resource: 'waiting-list-entry', itemsField: 'items' })
  @Visibility(WAITING_LIST_POLICY, { itemsField: 'items' })
  @ApiOkResponse({ type: WaitingListPage, description: 'People waiting for a first or next-step appointment, urgent first, then longest wait.' })
  async list(@Query() params: WaitingListParams, @CurrentPrincipal() principal: Principal): Promise<WaitingListPage> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    return this.query.run(params);
  }
}
