import { actorOf, type Principal, type Role } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { etagOf, revisionFromIfMatch } from '@stepwell/http';
import type { HeaderSink } from './header-sink';

/** What a command endpoint reads from the request besides its id and body. */
export interface CommandCall {
  ifMatch: string | undefined;
  correlationId: string;
  principal: Principal;
  response: HeaderSink;
}

/** What a command handler is given: who acts, for which request, and the revision the caller read (If-Match). */
export interface CommandContext {
  correlationId: string;
  actor: Actor;
  principal: Principal;
  expectedRevision?: number;
}

/**
 * The shape every referral command endpoint shares: If-Match and the principal make the context, the handler
 * runs, and the new revision becomes the ETag. If-Match is read first so a malformed one is refused (400) before
 * anything else is looked at.
 */
export async function runCommandCall<V>(
  call: CommandCall,
  roles: readonly Role[],
  handle: (context: CommandContext) => Promise<{ view: V; revision: number }>,
): Promise<V> {
  const expectedRevision = revisionFromIfMatch(call.ifMatch);
  const result = await handle({
    correlationId: call.correlationId,
    actor: actorOf(call.principal, roles),
    principal: call.principal,
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  });
  call.response.setHeader('ETag', etagOf(result.revision));
  return result.view;
}
