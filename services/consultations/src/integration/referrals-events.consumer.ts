import { secondaryUseOptOutConsumer } from '@stepwell/personal-data';

/** The consumer group (and inbox name) of the consultations service for the topics it consumes. */
export const CONSULTATIONS_CONSUMER = 'consultations';

/** The national data opt-out (issue 15 item 5), kept for `GET /metrics/consultations`, which leaves opted-out people out. */
export const ConsultationsOptOutConsumer = secondaryUseOptOutConsumer(CONSULTATIONS_CONSUMER);
