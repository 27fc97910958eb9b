import { NotFoundError } from '@stepwell/decider';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@stepwell/access';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { listQuestionnaires, unsupportedMeasures } from '../domain';
import { CATALOGUE_ROLES } from '../shared/outcomes-roles';
import { type Page, PageQuery, pageOf } from '../shared/page.query';
import { QuestionnaireView, toQuestionnaireView, toUnsupportedView } from '../shared/questionnaire.view';

export class QuestionnaireListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['supported', 'not-yet-supported'] })
  @IsOptional()
  @IsIn(['supported', 'not-yet-supported'])
  status?: 'supported' | 'not-yet-supported';
}

export class QuestionnaireCodeParams {
  @ApiProperty({ example: 'PHQ-9' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,32}$/)
  code!: string;
}

/** Thrown for a code the catalogue does not know at all. */
export class QuestionnaireNotFoundError extends NotFoundError<'QUESTIONNAIRE_NOT_FOUND'> {
  constructor(questionnaire: string) {
    super('QUESTIONNAIRE_NOT_FOUND', `There is no questionnaire ${questionnaire}.`);
    this.name = 'QuestionnaireNotFoundError';
  }
}

@ApiTags('questionnaires')
@ApiBearerAuth()
@Controller('questionnaires')
export class QuestionnairesController {
  @Get()
  @Roles(...CATALOGUE_ROLES)
  @ApiOkResponse({ description: 'Supported questionnaires (latest version each), then those not yet supported' })
  list(@Query() query: QuestionnaireListQuery): Page<QuestionnaireView> {
    const all = [
      ...listQuestionnaires().map((definition) => toQuestionnaireView(definition, false)),
      ...unsupportedMeasures.map(toUnsupportedView),
    ].filter((view) => query.status === undefined || view.status === query.status);
    return pageOf(all, query);
  }

  @Get(':code')
  @Roles(...CATALOGUE_ROLES)
  @ApiOkResponse({ type: QuestionnaireView, description: 'The questionnaire with its FHIR R4 Questionnaire form' })
  get(@Param() params: QuestionnaireCodeParams): QuestionnaireView {
    const code = params.code.toUpperCase();
    const unsupported = unsupportedMeasures.find((measure) => measure.code === code);
    if (unsupported) return toUnsupportedView(unsupported);
    const definition = listQuestionnaires().find((candidate) => candidate.code === code);
    if (!definition) throw new QuestionnaireNotFoundError(params.code);
    return toQuestionnaireView(definition, true);
  }
}
