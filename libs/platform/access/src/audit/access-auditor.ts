import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NewEvent } from '@stepwell/event-store';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { AuditUnavailableError } from '../errors';
import type { Principal } from '../principal/principal';
import type { Role } from '../principal/vocabulary';
import {
  ACCESS_EVENT_SCHEMA_VERSION,
  accessStreamId,
  BREAK_GLASS_ACCESS_GRANTED,
  PATIENT_RECORD_ACCESSED,
  type AccessBasis,
  type BreakGlassAccessGranted,
  type PatientRecordAccessed,
} from './access-events';

export interface AccessContext {
  patientSubjectId: string;
  resource: string;
  correlationId: string;
  /** The role the user acts in for this route. */
  role: Role | 'none';
}

/**
 * Appends access events to the patient's access stream. A failed append is an `AuditUnavailableError` and the
 * caller must withhold the data: there is no unaudited read.
 */
@Injectable()
export class AccessAuditor {
  private readonly logger = new Logger('AccessAuditor');

  constructor(@Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions) {}

  async recordRead(
    principal: Principal,
    context: AccessContext & {
      resourceIds: string[];
      purpose: string;
      basis: AccessBasis;
      operation?: 'read' | 'change';
      breakGlassGrantId?: string | undefined;
    },
  ): Promise<void> {
    const data: PatientRecordAccessed = {
      ...this.facts(principal, context),
      resourceIds: context.resourceIds,
      purpose: context.purpose,
      basis: context.basis,
      ...(context.operation ? { operation: context.operation } : {}),
      ...(context.breakGlassGrantId ? { breakGlassGrantId: context.breakGlassGrantId } : {}),
    };
    await this.append(PATIENT_RECORD_ACCESSED, data, principal, context);
  }

  /** Appends a break-glass grant; returns its id (the event id), which the reads under it name. */
  async recordBreakGlass(principal: Principal, context: AccessContext & { reason: string; expiresAt?: string }): Promise<string> {
    const data: BreakGlassAccessGranted = {
      ...this.facts(principal, context),
      reason: context.reason,
      ...(context.expiresAt ? { expiresAt: context.expiresAt } : {}),
    };
    return this.append(BREAK_GLASS_ACCESS_GRANTED, data, principal, context);
  }

  private facts(principal: Principal, context: AccessContext) {
    return {
      userId: principal.userId,
      organisationId: principal.organisationId,
      organisationType: principal.organisationType,
      role: context.role,
      patientSubjectId: context.patientSubjectId,
      resource: context.resource,
      correlationId: context.correlationId,
      at: this.now().toISOString(),
    };
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  private async append(type: string, data: { at: string }, principal: Principal, context: AccessContext): Promise<string> {
    const event: NewEvent = {
      id: randomUUID(),
      type,
      data,
      metadata: {
        occurredAt: data.at,
        correlationId: context.correlationId,
        causationId: null,
        actor: { userId: principal.userId, organisationId: principal.organisationId, role: context.role },
        patientSubjectId: context.patientSubjectId,
        schemaVersion: ACCESS_EVENT_SCHEMA_VERSION,
      },
    };
    try {
      await this.options.eventStore.appendToStream(accessStreamId(context.patientSubjectId), [event], {
        expectedRevision: 'any',
      });
      return event.id;
    } catch (error) {
      // Ids only: the correlation id lets ops find the request without any patient data in the log.
      this.logger.error(`Access audit append failed (${type}, correlation ${context.correlationId}): ${String(error)}`);
      throw new AuditUnavailableError({ cause: error });
    }
  }
}
