import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import type { AnxietyDisorder } from '../domain';

export const ANXIETY_DISORDERS: readonly AnxietyDisorder[] = [
  'social-anxiety-disorder',
  'panic-disorder',
  'agoraphobia',
  'obsessive-compulsive-disorder',
  'post-traumatic-stress-disorder',
  'health-anxiety',
  'generalised-anxiety-disorder',
];

/** The presenting problem: an ICD-10 code, or the anxiety disorder named directly (or null for none). */
export class ProblemDescriptorRequest {
  @ApiPropertyOptional({ example: 'F41.0', description: 'ICD-10 code of the presenting problem' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/, { message: 'icd10Code must be an ICD-10 code such as F41.0' })
  icd10Code?: string;

  @ApiPropertyOptional({ enum: ANXIETY_DISORDERS, nullable: true, description: 'Overrides what the ICD-10 code implies' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(ANXIETY_DISORDERS)
  anxietyDisorder?: AnxietyDisorder | null;
}
