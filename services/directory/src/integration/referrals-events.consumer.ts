import { patientErasureConsumer, secondaryUseOptOutConsumer } from '@stepwell/personal-data';

/** The inbox name of the directory's consumers. */
export const DIRECTORY_CONSUMER = 'directory';

/**
 * The national data opt-out (issue 15 item 5, `referrals.national-data-opt-out-changed`), kept for the listing
 * statistics, which leave opted-out people out; a person's own social prescription is direct care and unchanged.
 */
export const DirectoryOptOutConsumer = secondaryUseOptOutConsumer(DIRECTORY_CONSUMER);

/**
 * An erasure decided in referrals shreds the person's keys here too (their social prescriptions' personal fields read
 * `[erased]`), and confirms it back to referrals as `directory.patient-erasure-confirmed`.
 */
export const DirectoryErasureConsumer = patientErasureConsumer({ consumer: DIRECTORY_CONSUMER, service: 'directory' });
