import { SetMetadata } from '@nestjs/common';
import type { OrganisationType } from '../principal/vocabulary';

export const VISIBILITY = 'stepwell:access:visibility';

/**
 * Which top-level fields of a resource each organisation type may see; `'*'` means every field. An organisation
 * type not listed sees nothing (403): minimum necessary is the default, not an afterthought.
 */
export type FieldPolicy = Partial<Record<OrganisationType, readonly string[] | '*'>>;

export interface VisibilityOptions {
  /** For a list envelope (`{ items: [...], next: ... }`): the field holding the records; the rest is kept. */
  itemsField?: string;
}

export interface VisibilityMetadata {
  policy: FieldPolicy;
  options: VisibilityOptions;
}

/** Declares a route's field policy; the one visibility interceptor applies it to the response. */
export const Visibility = (policy: FieldPolicy, options: VisibilityOptions = {}): MethodDecorator & ClassDecorator =>
  SetMetadata(VISIBILITY, { policy, options } satisfies VisibilityMetadata);
