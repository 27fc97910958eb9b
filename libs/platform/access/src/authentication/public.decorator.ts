import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'stepwell:access:public';

/** The route needs no token: health, readiness and API docs only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
