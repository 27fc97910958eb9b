import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { AccessAuditor } from '../audit/access-auditor';
import { accessStreamId, BREAK_GLASS_ACCESS_GRANTED, type BreakGlassAccessGranted } from '../audit/access-events';
import {
  BreakGlassNotPermittedError,
  BreakGlassPatientInvalidError,
  BreakGlassReadOnlyError,
  BreakGlassReasonLengthError,
} from '../errors';
import type { Principal } from '../principal/principal';
import {
  BREAK_GLASS_MAXIMUM_REASON_LENGTH,
  BREAK_GLASS_MINIMUM_REASON_LENGTH,
  BREAK_GLASS_ORGANISATION_TYPES,
  DEFAULT_BREAK_GLASS_WINDOW_MINUTES,
  isPatientSubjectId,
  isReadOnlyMethod,
} from './break-glass-policy';

export interface BreakGlassRequest {
  patientSubjectId: string;
  /** The raw `X-Break-Glass-Reason` header. */
  reason: string;
  /** The HTTP method: only `GET`/`HEAD` may break the glass; an unknown method is treated as a write. */
  method: string | undefined;
}

/** A break-glass request that passed every check and has not been recorded yet. */
export interface PendingBreakGlass {
  patientSubjectId: string;
  reason: string;
  /** The same user's grant for this patient still in its window: reads go under it, no new grant is recorded. */
  activeGrantId: string | undefined;
}

const SCAN_BATCH = 100;

/**
 * Emergency access, in two steps so that nothing is recorded for a request that fails: `check` decides (who,
 * which patient, what reason, read-only) and records nothing; `open` records the grant — called once the handler
 * has answered, just before the read is audited. A grant covers one user's reads of one patient for a window
 * (default 4 hours): within it a further break-glass read names the open grant instead of recording a new one.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  async check(principal: Principal, request: BreakGlassRequest): Promise<PendingBreakGlass> {
    if (!isReadOnlyMethod(request.method)) throw new BreakGlassReadOnlyError();
    if (!principal.roles.includes('clinician') || !BREAK_GLASS_ORGANISATION_TYPES.includes(principal.organisationType)) {
      throw new BreakGlassNotPermittedError();
    }
    const reason = request.reason.trim();
    if (reason.length < BREAK_GLASS_MINIMUM_REASON_LENGTH || reason.length > BREAK_GLASS_MAXIMUM_REASON_LENGTH) {
      throw new BreakGlassReasonLengthError(BREAK_GLASS_MINIMUM_REASON_LENGTH, BREAK_GLASS_MAXIMUM_REASON_LENGTH);
    }
    if (!isPatientSubjectId(request.patientSubjectId)) throw new BreakGlassPatientInvalidError();
    return {
      patientSubjectId: request.patientSubjectId,
      reason,
      activeGrantId: await this.activeGrant(principal, request.patientSubjectId),
    };
  }

  /** Records the grant unless one is open for this user and patient; returns the grant id the read names. */
  async open(principal: Principal, pending: PendingBreakGlass, context: { resource: string; correlationId: string }): Promise<string> {
    if (pending.activeGrantId !== undefined) return pending.activeGrantId;
    return this.auditor.recordBreakGlass(principal, {
      patientSubjectId: pending.patientSubjectId,
      resource: context.resource,
      correlationId: context.correlationId,
      role: 'clinician',
      reason: pending.reason,
      expiresAt: new Date(this.now().getTime() + this.windowMs()).toISOString(),
    });
  }

  /** The newest grant of this user (same organisation) for this patient whose window is still open. */
  private async activeGrant(principal: Principal, patientSubjectId: string): Promise<string | undefined> {
    const now = this.now().getTime();
    const oldestPossible = now - this.windowMs();
    const stream = accessStreamId(patientSubjectId);
    let fromRevision: number | undefined;
    for (;;) {
      const batch = await this.options.eventStore.readStream(stream, {
        direction: 'backwards',
        maxCount: SCAN_BATCH,
        ...(fromRevision === undefined ? {} : { fromRevision }),
      });
      for (const event of batch) {
        const data = event.data as Partial<BreakGlassAccessGranted>;
        const at = Date.parse(data.at ?? event.metadata.occurredAt);
        // The trail is in time order: nothing older than one window can still be open.
        if (at < oldestPossible) return undefined;
        if (event.type !== BREAK_GLASS_ACCESS_GRANTED) continue;
        if (data.userId !== principal.userId || data.organisationId !== principal.organisationId) continue;
        const expires = data.expiresAt ? Date.parse(data.expiresAt) : at + this.windowMs();
        if (expires > now) return event.id;
      }
      const last = batch[batch.length - 1];
      if (batch.length < SCAN_BATCH || last === undefined || last.revision === 0) return undefined;
      fromRevision = last.revision - 1;
    }
  }

  private windowMs(): number {
    return (this.options.breakGlassWindowMinutes ?? DEFAULT_BREAK_GLASS_WINDOW_MINUTES) * 60_000;
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }
}
