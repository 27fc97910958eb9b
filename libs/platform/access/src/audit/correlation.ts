import { randomUUID } from 'node:crypto';
import type { AccessRequest } from '../principal/access-request';
import { headerValue } from '../principal/access-request';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's correlation id: the HTTP library's, else a well-formed `X-Correlation-Id`, else a new one. */
export function correlationIdOf(request: AccessRequest): string {
  if (!request.correlationId) {
    const sent = headerValue(request, 'x-correlation-id');
    request.correlationId = sent && SAFE_ID.test(sent) ? sent : randomUUID();
  }
  return request.correlationId;
}
