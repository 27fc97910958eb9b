import { ApiProperty } from '@nestjs/swagger';

export class WaitingPersonView {
  @ApiProperty({ description: 'The care episode waiting for an appointment' }) id!: string;
  @ApiProperty({ description: 'Opaque patient subject id' }) patientSubjectId!: string;
  @ApiProperty({ nullable: true }) referralId!: string | null;
  @ApiProperty({ description: 'ODS code of the providing organisation' }) organisation!: string;
  @ApiProperty({ example: 'step-2' }) step!: string;
  @ApiProperty({ enum: ['crisis', 'urgent', 'routine'] }) urgency!: string;
  @ApiProperty({ description: 'When the referral was received' }) referredAt!: string;
  @ApiProperty({ description: 'Start of this wait: the referral for a first step, the step change for a next step' })
  waitingSince!: string;
  @ApiProperty({ description: 'Whole days waited so far' }) daysWaited!: number;
}

export class WaitingListPage {
  @ApiProperty({ type: [WaitingPersonView] }) items!: WaitingPersonView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
