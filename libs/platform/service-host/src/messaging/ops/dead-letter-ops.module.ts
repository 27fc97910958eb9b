import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { DeadLetterOpsController } from './dead-letter-ops.controller';
import { DeadLetterOpsGuard } from './dead-letter-ops.guard';
import { type DeadLetterOpsOptions, DEAD_LETTER_OPS_OPTIONS } from './dead-letter-ops.options';

/** `GET /ops/dead-letters` and `POST /ops/dead-letters/:id/redrive` for one service's dead letters. */
@Module({})
export class DeadLetterOpsModule {
  static forRoot(options: DeadLetterOpsOptions): DynamicModule {
    return {
      module: DeadLetterOpsModule,
      controllers: [DeadLetterOpsController],
      providers: [{ provide: DEAD_LETTER_OPS_OPTIONS, useValue: options }, DeadLetterOpsGuard],
    };
  }
}
