import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { defineContract, type IntegrationContract } from '../../contract';
import { IsInstant, OPAQUE_ID } from '../identifiers';

/**
 * A service destroyed its data keys of a person for an erasure decided in referrals (issue 15 item 2): its
 * confirmation, recorded first as an event in its own log and published from there. Ids, a count and a time only:
 * nothing about the person. One definition for every service that keeps a key store:
 * `<service>.patient-erasure-confirmed`, travelling on that service's own topic; referrals adds the service to the
 * erasure's `confirmedBy`.
 */
export interface PatientErasureConfirmedV1 {
  /** The erasure decided in referrals (`referrals.patient-erasure-decided`). */
  erasureId: string;
  /** The records whose keys were shredded, as the decision named them (the first is the record the erasure is about). */
  patientSubjectIds: string[];
  /** The confirming service (equal to the producer). */
  service: string;
  /** Keys destroyed by this confirmation (0 when the service held none, or had shredded them already). */
  keysShredded: number;
  /** ISO 8601. */
  shreddedAt: string;
}

/** The services other than referrals (which confirms in its own stream) that keep per-person keys and confirm erasures. */
export const ERASURE_CONFIRMING_SERVICES = ['consultations', 'directory', 'outcomes'] as const;
export type ErasureConfirmingService = (typeof ERASURE_CONFIRMING_SERVICES)[number];

export class PatientErasureConfirmedV1Payload implements PatientErasureConfirmedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  erasureId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(OPAQUE_ID, { each: true })
  patientSubjectIds!: string[];

  @IsIn(ERASURE_CONFIRMING_SERVICES)
  service!: string;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  keysShredded!: number;

  @IsInstant()
  shreddedAt!: string;
}

function patientErasureConfirmedV1Contract(producer: ErasureConfirmingService): IntegrationContract<PatientErasureConfirmedV1> {
  return defineContract<PatientErasureConfirmedV1>({
    type: `${producer}.patient-erasure-confirmed`,
    version: 1,
    producer,
    payload: PatientErasureConfirmedV1Payload,
    description: 'The service shredded its data keys of the person (and of the records merged into theirs) for an erasure decided in referrals.',
  });
}

export const ConsultationsPatientErasureConfirmedV1Contract = patientErasureConfirmedV1Contract('consultations');
export const DirectoryPatientErasureConfirmedV1Contract = patientErasureConfirmedV1Contract('directory');
export const OutcomesPatientErasureConfirmedV1Contract = patientErasureConfirmedV1Contract('outcomes');

/** The confirmation contract of each confirming service (one instance each, for the registry and consumers alike). */
export const PATIENT_ERASURE_CONFIRMED_V1: Readonly<Record<ErasureConfirmingService, IntegrationContract<PatientErasureConfirmedV1>>> = {
  consultations: ConsultationsPatientErasureConfirmedV1Contract,
  directory: DirectoryPatientErasureConfirmedV1Contract,
  outcomes: OutcomesPatientErasureConfirmedV1Contract,
};
