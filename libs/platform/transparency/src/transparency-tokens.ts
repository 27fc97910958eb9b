import type { TransparencyModuleOptions } from './transparency.module';

/** The module's options (the service, its schemas, its configuration). */
export const TRANSPARENCY_OPTIONS = Symbol('TRANSPARENCY_OPTIONS');
/** The transparency log's projection runner (tests wait on it: `waitFor(position)`). */
export const TRANSPARENCY_RUNNER = Symbol('TRANSPARENCY_RUNNER');

export type { TransparencyModuleOptions };
