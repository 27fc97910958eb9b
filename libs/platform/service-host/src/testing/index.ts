// Test helpers of @stepwell/service-host (`@stepwell/service-host/testing`): never imported by production code.
export { describeServiceConfig, type ServiceConfigLoader } from './describe-service-config';
export { describeServiceEdge, type ServiceEdgeOptions, type ServiceUnderTest } from './describe-service-edge';
export { describeTestClockConfig, type TestClockConfigLoader } from './describe-test-clock-config';
