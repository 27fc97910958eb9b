import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { RiskAction } from '../domain';

export const RISK_ACTIONS: readonly RiskAction[] = [
  'contacted-patient',
  'safety-plan-reviewed',
  'referred-to-crisis-team',
  'emergency-services-called',
  'discussed-with-supervisor',
  'no-further-action-needed',
];

export class AcknowledgeRiskAlertRequest {
  @ApiProperty({ enum: RISK_ACTIONS, description: 'What was done about the risk' })
  @IsIn(RISK_ACTIONS)
  actionTaken!: RiskAction;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Clinical note; kept in this service, never published' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
