export * from './outcome-flags-computed.contract';
