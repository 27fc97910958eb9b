import { Controller, Get, Inject, Param, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type FieldPolicy, PatientAccess, type SubjectAccessRendering, Visibility } from '@stepwell/access';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { AsOfQuery } from '@stepwell/http';
import { Matches } from 'class-validator';
import { type JourneyAsOf, journeyAsOf } from './journey-as-of';

/** The journey holds clinical detail: the clinical organisations see all of it (as referrals' journey). */
export const JOURNEY_AS_OF_VISIBILITY: FieldPolicy = {
  'gp-practice': '*',
  'talking-therapies': '*',
  'psychotherapy-consultation': '*',
  'secondary-care': '*',
  'crisis-team': '*',
};

export class JourneyPatientParams {
  @ApiProperty({ description: 'The patient subject id' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, { message: 'patientId must be a patient subject id' })
  patientId!: string;
}

/**
 * `GET /patients/{patientId}/journey?asOf=` for a service other than referrals (issue 19 item 5): what the service
 * recorded about the person by `asOf` and, apart, what it corrected since (`journeyAsOf`). Under `patient.journey`
 * (the person's clinical organisations by relationship; a stranger gets 404 PATIENT_NOT_FOUND as for an unknown
 * patient), an audited read. The service gives its subject-access rendering (its name and one sentence per event
 * type); everything else is this one controller.
 */
export function journeyAsOfController(options: { rendering: SubjectAccessRendering; describes: string }): Type<unknown> {
  @ApiTags('journey')
  @ApiBearerAuth()
  @Controller('patients')
  class JourneyAsOfController {
    constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

    @Get(':patientId/journey')
    @PatientAccess({ action: 'patient.journey', target: { type: 'patient', param: 'patientId' }, resource: 'journey' })
    @Visibility(JOURNEY_AS_OF_VISIBILITY)
    @ApiOkResponse({
      description: `${options.describes} as recorded by \`asOf\` (\`entries\`, log order) and, apart, what was recorded after \`asOf\` about a record already held then (\`laterCorrections\`). The same asOf gives the same entries. 404 PATIENT_NOT_FOUND to an organisation with no relationship, as for an unknown patient; an audited read.`,
    })
    async get(@Param() params: JourneyPatientParams, @Query() query: AsOfQuery): Promise<JourneyAsOf> {
      // Default now by the wall clock, the clock the store's commit times (`recordedAt`) are measured by, as the case history.
      const asOf = (query.asOf === undefined ? new Date() : new Date(query.asOf)).toISOString();
      return journeyAsOf({ store: this.store, service: options.rendering.service, patientSubjectId: params.patientId, asOf, vocabulary: options.rendering.sentences });
    }
  }
  return JourneyAsOfController;
}
