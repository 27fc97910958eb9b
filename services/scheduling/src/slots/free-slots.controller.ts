import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@stepwell/access';
import { BOOKING_ROLES } from '../shared/scheduling-roles';
import { FreeSlotPage } from './free-slot.view';
import { FreeSlotsParams } from './free-slots.params';
import { FreeSlotsQuery } from './free-slots.query';

@ApiTags('slots')
@ApiBearerAuth()
@Controller('slots')
export class FreeSlotsController {
  constructor(private readonly query: FreeSlotsQuery) {}

  @Get()
  // Free slots name no patient: any booking role of any organisation may look (a referrer's practice included).
  @Roles(...BOOKING_ROLES)
  @ApiOkResponse({ type: FreeSlotPage, description: 'Bookable slots now, embargoes honoured, earliest first.' })
  find(@Query() params: FreeSlotsParams): Promise<FreeSlotPage> {
    return this.query.run(params);
  }
}
