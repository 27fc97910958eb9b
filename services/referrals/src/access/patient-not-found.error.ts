import { NotFoundError } from '@stepwell/decider';
/** No patient with this subject id is known here (404; the same answer a caller with no relationship gets). */
export class PatientNotFoundError extends NotFoundError<'PATIENT_NOT_FOUND'> {
  constructor() {
    super('PATIENT_NOT_FOUND', 'No patient with this id');
    this.name = 'PatientNotFoundError';
  }
}
