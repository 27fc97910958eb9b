import { type DynamicModule, Module } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@stepwell/event-store';
import { HealthModule } from '@stepwell/http';
import { ReadModelHealthIndicator, ReadModelsModule } from '@stepwell/read-models';
import type { ReferralsConfig } from './config';
import { EVENT_STORE, ReferralsEventStoreModule } from './event-store.module';
import { GetReferralController } from './get-referral/get-referral.controller';
import { GetReferralQuery } from './get-referral/get-referral.query';
import { referralsReadModels } from './read-models/read-models';
import { ReceiveReferralController } from './receive-referral/receive-referral.controller';
import { ReceiveReferralHandler } from './receive-referral/receive-referral.handler';
import { WithdrawReferralController } from './withdraw-referral/withdraw-referral.controller';
import { WithdrawReferralHandler } from './withdraw-referral/withdraw-referral.handler';

@Module({})
export class AppModule {
  static forRoot(config: ReferralsConfig): DynamicModule {
    const readModels = ReadModelsModule.forRoot(referralsReadModels(config));
    const eventStore = ReferralsEventStoreModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        readModels,
        eventStore,
        HealthModule.forRoot({
          imports: [readModels, eventStore],
          inject: [ReadModelHealthIndicator, EVENT_STORE, HealthIndicatorService],
          readiness: (database: ReadModelHealthIndicator, store: EventStore, indicators: HealthIndicatorService) => [
            () => database.pingCheck('database'),
            () =>
              indicators
                .check('eventStore')
                .attempt(async () => ({ headPosition: await store.headPosition() }))
                .withTimeout(1_500),
          ],
        }),
      ],
      controllers: [ReceiveReferralController, WithdrawReferralController, GetReferralController],
      providers: [ReceiveReferralHandler, WithdrawReferralHandler, GetReferralQuery],
    };
  }
}
