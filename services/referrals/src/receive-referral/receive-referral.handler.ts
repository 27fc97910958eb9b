import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CommandHandler, deterministicUuid } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import {
  referralStreamId,
  type ReferralCommand,
  type ReferralDetails,
  type ReferralEvent,
  type ReferralState,
} from '../domain/referral.decider';
import { REFERRAL_COMMANDS } from '../referral-commands';
import { toReferralView, type ReferralView } from '../get-referral/referral.view';
import { requestMetadata } from '../request-metadata';

/** The `Idempotency-Key` was used before for a request with other content. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED' as const;

  constructor() {
    super('This Idempotency-Key was already used for a referral with other details.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface ReceiveReferralResult {
  view: ReferralView;
  /** Always 0: the ReferralReceived event opens the stream. */
  revision: number;
  /** True when an earlier request with the same Idempotency-Key created the referral. */
  replayed: boolean;
}

const sameDetails = (a: ReferralDetails, b: ReferralDetails) =>
  a.source === b.source && a.receivingOrganisation === b.receivingOrganisation && a.urgency === b.urgency && a.reason === b.reason;

@Injectable()
export class ReceiveReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
  ) {}

  /**
   * With an idempotency key, the referral id is derived from the key and the caller's organisation (one
   * organisation's key never finds another's referral), so a retry addresses the same stream:
   * create-once (`no_stream`) makes a twin request lose the race, re-read and find its referral, and a later
   * retry finds it on the first read. Either way the first result is returned and nothing new is written.
   */
  async handle(details: ReferralDetails, context: { correlationId: string; actor: Actor; idempotencyKey?: string }): Promise<ReceiveReferralResult> {
    const key = context.idempotencyKey;
    const referralId = key ? deterministicUuid(`referrals/receive-referral/${context.actor.organisationId}/${key}`) : randomUUID();
    const streamId = referralStreamId(referralId);

    if (key) {
      const earlier = await this.referrals.load(streamId);
      if (earlier.state.status !== 'None') return this.replay(earlier.state, details);
    }

    const receivedAt = new Date().toISOString();
    let result;
    try {
      result = await this.referrals.handle(
        streamId,
        { type: 'ReceiveReferral', data: { referralId, ...details, receivedAt } },
        { metadata: requestMetadata(context.correlationId, receivedAt, context.actor) },
      );
    } catch (error) {
      // A twin request with the same key but other details won the race.
      if (key && (error as { code?: unknown }).code === 'REFERRAL_ALREADY_EXISTS') throw new IdempotencyKeyReusedError();
      throw error;
    }
    if (result.state.status === 'None') throw new Error('A received referral folded to no referral');
    if (result.events.length === 0) return this.replay(result.state, details);
    return { view: toReferralView(result.state), revision: 0, replayed: false };
  }

  private replay(state: Exclude<ReferralState, { status: 'None' }>, details: ReferralDetails): ReceiveReferralResult {
    if (!sameDetails(state, details)) throw new IdempotencyKeyReusedError();
    // The first result: the referral as it was received, even if it has changed since.
    const { referralId, source, receivingOrganisation, urgency, reason, receivedAt } = state;
    return {
      view: toReferralView({ status: 'Received', referralId, source, receivingOrganisation, urgency, reason, receivedAt }),
      revision: 0,
      replayed: true,
    };
  }
}
