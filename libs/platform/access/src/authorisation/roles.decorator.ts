import { SetMetadata } from '@nestjs/common';
import type { Role } from '../principal/vocabulary';

export const REQUIRED_ROLES = 'stepwell:access:roles';

/** The principal needs at least one of these roles; otherwise 403 `FORBIDDEN_ROLE`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
