import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { type DeadLetterOpsOptions, DEAD_LETTER_OPS_OPTIONS } from './dead-letter-ops.options';

/** Delegates to the guard the service configured (see `DeadLetterOpsOptions.guard`). */
@Injectable()
export class DeadLetterOpsGuard implements CanActivate {
  constructor(@Inject(DEAD_LETTER_OPS_OPTIONS) private readonly options: DeadLetterOpsOptions) {}

  canActivate(context: ExecutionContext) {
    return this.options.guard ? this.options.guard.canActivate(context) : true;
  }
}
