import type { IntegrationContract } from '@stepwell/contracts';

/**
 * The handler pattern of a contract: `<type>@v<version>` (that type and version only), or a bare type (every version
 * of it). A consumer looks a delivered message's handler up by `<type>@v<version>` first, then by `<type>`.
 * `@OnIntegrationEvent` (@stepwell/service-host) registers a Nest handler under it; a platform library that the host
 * composes, and so cannot import it, writes `@EventPattern(integrationEventPattern(contract))`.
 */
export function integrationEventPattern(contractOrType: IntegrationContract | string): string {
  return typeof contractOrType === 'string' ? contractOrType : `${contractOrType.type}@v${contractOrType.version}`;
}
