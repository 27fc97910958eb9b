import { etagOf, revisionFromIfMatch } from '../etag';
import { IDEMPOTENCY_KEY_PATTERN } from '../input-contract/limits';
import { RequestValidationError } from '../problems/request-validation.error';

/** The part of the HTTP response a controller touches when it returns its body through Nest (`passthrough`). */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/**
 * The `Idempotency-Key` header checked against the input contract (1–200 printable ASCII without spaces), as an
 * optional field of a handler's context; malformed → 400 naming the header (the edge middleware refuses it first
 * on a real request; this holds for every caller).
 */
export function idempotencyKeyOf(header: string | undefined): { idempotencyKey?: string } {
  if (header === undefined) return {};
  if (!IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new RequestValidationError([
      { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 200 printable characters without spaces'] },
    ]);
  }
  return { idempotencyKey: header };
}

/** What a command endpoint reads from the request besides its id and body. */
export interface CommandCall<Principal> {
  /** The `If-Match` header: the ETag the caller read; absent = an unconditional write. */
  ifMatch?: string | undefined;
  /** The `Idempotency-Key` header, on routes that take one. */
  idempotencyKey?: string | undefined;
  correlationId: string;
  principal: Principal;
  response: HeaderSink;
}

/** What a command handler is given: who acts, for which request, the revision the caller read and its retry key. */
export interface CommandContext<Principal, Actor> {
  correlationId: string;
  actor: Actor;
  principal: Principal;
  expectedRevision?: number;
  idempotencyKey?: string;
}

/** What a command handler answers: the view, the stream revision it left (the new ETag), and where it lives. */
export interface CommandOutcome<View> {
  view: View;
  revision: number;
  /** Set for a create: the `Location` of the new resource (a route that answers GET). */
  location?: string;
  /** True when an Idempotency-Key retry answered with the first response (`Idempotent-Replayed: true`). */
  replayed?: boolean;
}

/**
 * The one command-call path of every service's endpoints: If-Match and Idempotency-Key are read first (a malformed
 * one is a 400 before anything else is looked at), the actor is derived from the principal with the route's roles
 * (`actorOf` — @stepwell/access's `actorOf(principal, ROLES)`), the handler runs, and the answer's revision becomes
 * the `ETag` (with `Location` and `Idempotent-Replayed` where the outcome says so). A stale If-Match is refused by
 * the handler's append (412 STALE_REVISION); a route whose resource requires one refuses its absence (428).
 */
export async function runCommandCall<Principal, Actor, View>(
  call: CommandCall<Principal>,
  actorOf: (principal: Principal) => Actor,
  handle: (context: CommandContext<Principal, Actor>) => Promise<CommandOutcome<View>>,
): Promise<View> {
  const expectedRevision = revisionFromIfMatch(call.ifMatch);
  const key = idempotencyKeyOf(call.idempotencyKey);
  const outcome = await handle({
    correlationId: call.correlationId,
    actor: actorOf(call.principal),
    principal: call.principal,
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
    ...key,
  });
  call.response.setHeader('ETag', etagOf(outcome.revision));
  if (outcome.location !== undefined) call.response.setHeader('Location', outcome.location);
  if (outcome.replayed) call.response.setHeader('Idempotent-Replayed', 'true');
  return outcome.view;
}
