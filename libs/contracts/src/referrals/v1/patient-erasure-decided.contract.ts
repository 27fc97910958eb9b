import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import { ERASURE_LAWFUL_BASES, type ErasureLawfulBasis } from './vocabulary';

/**
 * A privacy officer decided to erase a person's personal data (issue 15): every service holding data keys for these
 * subject ids shreds them and confirms with an event of its own. Ids and a code only: no reason text, nothing about
 * the person.
 */
export interface PatientErasureDecidedV1 {
  erasureId: string;
  /** The record erased and the records merged into it. */
  patientSubjectIds: string[];
  lawfulBasis: ErasureLawfulBasis;
  decidedByOrganisationId: string;
  /** ISO 8601. */
  decidedAt: string;
}

export class PatientErasureDecidedV1Payload implements PatientErasureDecidedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  erasureId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(OPAQUE_ID, { each: true })
  patientSubjectIds!: string[];

  @IsIn(ERASURE_LAWFUL_BASES)
  lawfulBasis!: ErasureLawfulBasis;

  @IsString()
  @Matches(ODS_CODE)
  decidedByOrganisationId!: string;

  @IsInstant()
  decidedAt!: string;
}

export const PatientErasureDecidedV1Contract = defineContract<PatientErasureDecidedV1>({
  type: 'referrals.patient-erasure-decided',
  version: 1,
  producer: 'referrals',
  payload: PatientErasureDecidedV1Payload,
  description: 'A person’s personal data is to be erased by shredding their keys in every service (issue 15).',
});
