import { Inject, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PatientAccess, Visibility } from '@stepwell/access';
import { AsOfQuery, CLOCK, type Clock } from '@stepwell/http';
import { PatientIdParams } from '../shared/episode.requests';
import { JourneyQuery, type PatientJourneyWithCommunity } from './journey.query';
import { JOURNEY_VISIBILITY } from '../shared/referrals-visibility';

@ApiTags('episodes')
@ApiBearerAuth()
@Controller('patients')
export class JourneyController {
  constructor(private readonly journey: JourneyQuery, @Inject(CLOCK) private readonly clock: Clock) {}

  @Get(':patientId/journey')
  // Clinical: providers of one of the person’s episodes (current, or past within the retention period) only.
  @PatientAccess({ action: 'patient.journey', target: { type: 'patient', param: 'patientId' }, resource: 'journey' })
  @Visibility(JOURNEY_VISIBILITY)
  @ApiOkResponse({
    description:
      'Referrals, episodes and every decision (who, for which organisation, why) up to asOf, the person’s social prescriptions as the directory published them (status, attendance, wellbeing measures), and the consultations about them with the referrals they made.',
  })
  async get(@Param() params: PatientIdParams, @Query() query: AsOfQuery): Promise<PatientJourneyWithCommunity & { patientSubjectId: string }> {
    const asOf = query.asOf ? new Date(query.asOf).toISOString() : this.clock.now();
    return { patientSubjectId: params.patientId, ...(await this.journey.run(params.patientId, asOf)) };
  }
}
