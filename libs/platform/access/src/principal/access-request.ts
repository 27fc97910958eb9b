import type { Principal } from './principal';

/** The parts of an HTTP request (Express) this library reads; it never depends on Express types. */
export interface AccessRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
  /** Set by the authentication guard. */
  principal?: Principal;
  /** Set by the HTTP library's correlation middleware when present; otherwise derived here. */
  correlationId?: string;
  /** Set by the policy interceptor on a `@PatientAccess` route: what was decided, before the handler ran. */
  accessDecision?: { basis: 'relationship' | 'break-glass'; view: 'full' | 'summary' | 'minimum-necessary'; role: string; kind: string };
}

export function headerValue(request: AccessRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
