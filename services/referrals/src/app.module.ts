import { type DynamicModule, Module } from '@nestjs/common';
import { servicePlatformModules } from '@stepwell/service-host';
import type { ReferralsConfig } from './config';
import { referralsEventStore } from './event-store-options';
import { GetReferralController } from './get-referral/get-referral.controller';
import { GetReferralQuery } from './get-referral/get-referral.query';
import { referralsMessaging } from './integration/referrals-messaging';
import { referralsReadModels } from './read-models/read-models';
import { ReceiveReferralController } from './receive-referral/receive-referral.controller';
import { ReceiveReferralHandler } from './receive-referral/receive-referral.handler';
import { referralCommandsProvider } from './referral-commands';
import { WithdrawReferralController } from './withdraw-referral/withdraw-referral.controller';
import { WithdrawReferralHandler } from './withdraw-referral/withdraw-referral.handler';

@Module({})
export class AppModule {
  static forRoot(config: ReferralsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: servicePlatformModules({
        config,
        readModels: referralsReadModels(config),
        eventStore: referralsEventStore(config),
        messaging: (imports) => referralsMessaging(config, imports),
      }),
      controllers: [ReceiveReferralController, WithdrawReferralController, GetReferralController],
      providers: [referralCommandsProvider, ReceiveReferralHandler, WithdrawReferralHandler, GetReferralQuery],
    };
  }
}
