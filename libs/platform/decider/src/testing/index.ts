// Test helpers of @stepwell/decider (`@stepwell/decider/testing`): never imported by production code.
export { givenFor } from './given-when-then';
