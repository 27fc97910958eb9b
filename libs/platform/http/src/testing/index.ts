// Test helpers of @stepwell/http (`@stepwell/http/testing`): never imported by production code.
export { createTestApp } from './create-test-app';
