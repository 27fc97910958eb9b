import { ApiProperty } from '@nestjs/swagger';
import { ERASURE_LAWFUL_BASES, type ErasureLawfulBasis } from '@stepwell/contracts';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import { PatientIdParams } from './episode.requests';

export class PatientErasureRequest {
  @ApiProperty({ enum: ERASURE_LAWFUL_BASES, description: 'The ground of the erasure (UK GDPR Article 17(1), or a court order)' })
  @IsIn(ERASURE_LAWFUL_BASES)
  lawfulBasis!: ErasureLawfulBasis;

  @ApiProperty({
    minLength: 10,
    maxLength: 1000,
    description: 'Why, for the audit trail (e.g. the request reference and the decision). It stays readable after the erasure: do not repeat the person’s details.',
  })
  @IsString()
  @Length(10, 1000)
  reason!: string;
}

export class PatientErasureView {
  @ApiProperty({ format: 'uuid' })
  erasureId!: string;

  @ApiProperty({ format: 'uuid', description: 'The record named in the request' })
  patientSubjectId!: string;

  @ApiProperty({ type: [String], description: 'That record and the records merged into it: all erased' })
  patientSubjectIds!: string[];

  @ApiProperty({ enum: ERASURE_LAWFUL_BASES })
  lawfulBasis!: ErasureLawfulBasis;

  @ApiProperty({ format: 'date-time' })
  decidedAt!: string;

  @ApiProperty({ type: [String], description: 'Services that confirmed shredding the person’s keys so far (this one at once; others when their confirmation arrives)' })
  confirmedBy!: string[];

  @ApiProperty({ type: [String], description: 'Services expected to confirm (ERASURE_CONFIRMING_SERVICES) that have not yet' })
  awaiting!: string[];
}

export class ErasureConfirmationView {
  @ApiProperty({ example: 'consultations' })
  service!: string;

  @ApiProperty({ description: 'Data keys that service destroyed for this erasure (0 when it held none, or none was left)' })
  keysShredded!: number;

  @ApiProperty({ format: 'date-time' })
  shreddedAt!: string;
}

/** `GET /patients/{id}/erasures/{erasureId}`: ids, codes and times only — never the reason text. */
export class PatientErasureStatusView extends PatientErasureView {
  @ApiProperty({ description: 'ODS code of the privacy officer’s organisation' })
  decidedByOrganisation!: string;

  @ApiProperty({ type: [ErasureConfirmationView], description: 'Each confirmation, in the order they arrived' })
  confirmations!: ErasureConfirmationView[];

  @ApiProperty({ description: 'True when every expected service confirmed' })
  complete!: boolean;
}

export class ErasureParams extends PatientIdParams {
  @ApiProperty({ format: 'uuid', description: 'The erasure, as the erasure answer named it' })
  @IsUUID()
  erasureId!: string;
}

/** An erasure whose confirmations stayed awaited past `ERASURE_OVERDUE_DAYS` (H-PD5): ids, service names, times. */
export class OverdueErasureView {
  @ApiProperty({ format: 'uuid', description: 'The patient subject id named in the erasure' }) id!: string;
  @ApiProperty({ format: 'uuid' }) erasureId!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ type: [String], description: 'Services that confirmed shredding the person’s keys' }) confirmedBy!: string[];
  @ApiProperty({ type: [String], description: 'Services still awaited: follow up with them (their erasure consumer or key store)' }) awaiting!: string[];
  @ApiProperty({ format: 'date-time', description: 'When the check found the confirmations overdue' }) overdueSince!: string;
  @ApiProperty({ description: 'The wait that passed (ERASURE_OVERDUE_DAYS when found)' }) overdueDays!: number;
}

export class OverdueErasuresPage {
  @ApiProperty({ type: [OverdueErasureView], description: 'Oldest decision first' }) items!: OverdueErasureView[];
}
