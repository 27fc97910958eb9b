import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { PatientNotIdentifiedError } from '../errors';
import type { AccessRequest } from '../principal/access-request';
import type { AccessAction } from './access-policy';
import type { AccessTarget } from './access-target';

export const PATIENT_ACCESS = 'stepwell:access:patient-access';

export interface PatientAccessOptions {
  /** What the route does, as named in `ACCESS_POLICY` (e.g. `referral.read`, `episode.decide`). */
  action: AccessAction;
  /**
   * The record the route touches and the route parameter holding its id. Absent only on a worklist (`items` given,
   * e.g. the organisation's own triage queue or waiting list): no single record is named, so each item is decided on
   * its own (and break-glass, which opens one named record, never applies).
   */
  target?: { type: AccessTarget['type']; param: string };
  /** Kind of record, as written in the access event (`referral`, `episode`, `journey`). */
  resource: string;
  /**
   * For a list envelope: the field holding the records and their type; each item gets its own decision (view), and
   * must already have been filtered with `PolicyAccessService.visible` by the handler (so the total is right).
   */
  items?: { field: string; type: AccessTarget['type']; action: AccessAction };
  /** Default `direct-care`; break-glass reads are recorded as `emergency`. */
  purpose?: string;
}

/**
 * The one way a route touching patient data declares its access: the policy decides BEFORE the handler runs (so no
 * ETag, total or write precedes it), refusals are audited (`AccessRefused`) and answered 404 to a caller with no
 * relationship (exactly as for an unknown id) or 403 otherwise, and the response (a read or a command's) is cut to
 * the decided view and the organisation type's `@Visibility`, then audited (`PatientRecordAccessed`) before it
 * leaves; an audit failure is a 503 with no body. Replaces `@Roles` + `@PatientRecord` on such routes.
 */
export const PatientAccess = (options: PatientAccessOptions): MethodDecorator => SetMetadata(PATIENT_ACCESS, options);

/** For a create command (no target yet): the created record's id field in the response, and its type. */
export const CREATED_RECORD_ACCESS = 'stepwell:access:created-record';
export interface CreatedRecordOptions {
  resource: string;
  /** Read back with `<type>.read` (`record`: `record.read`). */
  type: 'referral' | 'episode' | 'record';
  idField?: string;
}
/** The created record in the response is read back under the policy (`<type>.read`) and audited like any read. */
export const CreatedRecordAccess = (options: CreatedRecordOptions): MethodDecorator => SetMetadata(CREATED_RECORD_ACCESS, options);

/** The decision the policy interceptor took for this request (a `@PatientAccess` route), for a handler that filters a list. */
export const CurrentAccess = createParamDecorator(
  (_data: unknown, context: ExecutionContext): NonNullable<AccessRequest['accessDecision']> => {
    const decision = context.switchToHttp().getRequest<AccessRequest>().accessDecision;
    if (!decision) throw new PatientNotIdentifiedError();
    return decision;
  },
);
