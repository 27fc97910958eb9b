export * from './key-files';
export * from './production-guard';
export * from './signing-key';
export * from './jwks';
export * from './sign-token';
export * from './jwks-server';
