// Test helpers of @stepwell/messaging (`@stepwell/messaging/testing`): never imported by production code.
export { Collector } from './collector';
export { referralReceived } from './integration-events.fixture';
