// Test helpers of @stepwell/access (`@stepwell/access/testing`): never imported by production code.
export {
  enumerateCombinations,
  MATRIX_BREAK_GLASS_REASON,
  type MatrixFixture,
  type MatrixRoute,
  runAccessMatrix,
} from './access-matrix';
export { createTestIssuer, type TestIssuer } from './test-issuer';
export { createTestKeys, mintToken, testAuthConfig, type TestUser, users } from './test-tokens';
