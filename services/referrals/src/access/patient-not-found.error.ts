/** No patient with this subject id is known here (404; the same answer a caller with no relationship gets). */
export class PatientNotFoundError extends Error {
  readonly code = 'PATIENT_NOT_FOUND' as const;

  constructor() {
    super('No patient with this id');
    this.name = 'PatientNotFoundError';
  }
}
