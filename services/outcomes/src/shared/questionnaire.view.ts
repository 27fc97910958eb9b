import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  toFhirQuestionnaire,
  type FhirQuestionnaire,
  type QuestionnaireDefinition,
  type UnsupportedMeasure,
} from '../domain';

/** One questionnaire as the API shows it: the definition, and the same as a FHIR R4 `Questionnaire`. */
export class QuestionnaireView {
  @ApiProperty({ example: 'PHQ-9' }) code!: string;
  @ApiProperty({ enum: ['supported', 'not-yet-supported'] }) status!: 'supported' | 'not-yet-supported';
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ description: 'Version a response must name' }) version?: string;
  @ApiPropertyOptional() instruction?: string;
  @ApiPropertyOptional({ description: 'Items with their answer options (value = score)' }) items?: QuestionnaireDefinition['items'];
  @ApiPropertyOptional() scoring?: QuestionnaireDefinition['scoring'];
  @ApiPropertyOptional() severityBands?: QuestionnaireDefinition['severityBands'];
  @ApiPropertyOptional({ description: 'Why the measure has no severity bands' }) noBandsReason?: string;
  @ApiPropertyOptional() caseness?: QuestionnaireDefinition['caseness'];
  @ApiPropertyOptional() reliableChange?: number | null;
  @ApiPropertyOptional() sources?: readonly string[];
  @ApiPropertyOptional({ description: 'Why a measure is not yet supported' }) reason?: string;
  @ApiPropertyOptional({ description: 'The anxiety disorder a disorder-specific measure is for' }) disorder?: string;
  @ApiPropertyOptional({ description: 'Items and scoring as published (a not-yet-supported measure)' }) published?: string;
  @ApiPropertyOptional({
    description:
      'The NHS Talking Therapies Manual edition its caseness and reliable change must come from; null values: not read from any source held',
  })
  manual?: UnsupportedMeasure['manual'];
  @ApiPropertyOptional({ description: 'FHIR R4 Questionnaire resource' }) fhir?: FhirQuestionnaire;
}

export function toQuestionnaireView(definition: QuestionnaireDefinition, withFhir: boolean): QuestionnaireView {
  return {
    code: definition.code,
    status: 'supported',
    title: definition.title,
    version: definition.version,
    instruction: definition.instruction,
    items: definition.items,
    scoring: definition.scoring,
    severityBands: definition.severityBands,
    ...(definition.noBandsReason ? { noBandsReason: definition.noBandsReason } : {}),
    caseness: definition.caseness,
    reliableChange: definition.reliableChange,
    sources: definition.sources,
    ...(withFhir ? { fhir: toFhirQuestionnaire(definition) } : {}),
  };
}

export function toUnsupportedView(measure: UnsupportedMeasure): QuestionnaireView {
  return {
    code: measure.code,
    status: 'not-yet-supported',
    title: measure.title,
    disorder: measure.disorder,
    reason: measure.reason,
    published: measure.published,
    manual: measure.manual,
  };
}
