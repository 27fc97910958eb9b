import { EventPattern } from '@nestjs/microservices';
import type { IntegrationContract } from '@stepwell/contracts';
import { integrationEventPattern } from '@stepwell/messaging';

/**
 * Marks a Stepwell event handler: `@OnIntegrationEvent(ReferralReceivedV1Contract)` handles exactly that type and
 * version; `@OnIntegrationEvent('referrals.referral-received')` handles every version of the type.
 *
 * Prefer it to a bare `@EventPattern`: Nest 12 types `@EventPattern` handlers' extra parameters as `unknown`, so
 * `@Ctx() context: StepwellContext` does not type-check under it; this decorator accepts any handler signature.
 */
export function OnIntegrationEvent(contractOrType: IntegrationContract | string): MethodDecorator {
  return EventPattern(integrationEventPattern(contractOrType)) as MethodDecorator;
}
