import { SetMetadata } from '@nestjs/common';

export const PATIENT_RECORD = 'stepwell:access:patient-record';

export interface PatientRecordOptions {
  /** Kind of record, as written in the access event (`referral`, `appointment`, ...). */
  resource: string;
  /** Route parameter holding the patient subject id: checked before the handler runs. */
  patientParam?: string;
  /** Field of the returned record (or of each item) holding the patient subject id. Default `patientSubjectId`. */
  patientField?: string;
  /** Field of each record holding its id, listed in the access event. Default `id`. */
  idField?: string;
  /** For a list envelope (`{ items: [...], next: ... }`): the field holding the records. */
  itemsField?: string;
  /** Default `direct-care`; break-glass reads are recorded as `emergency`. */
  purpose?: string;
}

/**
 * Marks a route as returning patient data: the principal's organisation needs a care relationship with every
 * patient in the response (or break-glass), and each patient's access stream gets an access event before the data
 * leaves. If the event cannot be written, the request fails with 503 and returns no data.
 */
export const PatientRecord = (options: PatientRecordOptions): MethodDecorator => SetMetadata(PATIENT_RECORD, options);
