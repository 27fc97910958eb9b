/**
 * RFC 9457 problem details: the one error shape every Stepwell endpoint answers with,
 * as `application/problem+json`.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Every problem `type` is a URI under this base, one slug per kind of problem. */
export const PROBLEM_TYPE_BASE = 'https://stepwell.example/problems/';

export const problemType = (slug: string): string => `${PROBLEM_TYPE_BASE}${slug}`;

/** A request field that failed validation: `patient.nhsNumber`, `items[0].score`. */
export interface FieldError {
  field: string;
  messages: string[];
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred on. */
  instance?: string;
  /** Ties the answer to the server's logs; the same value as the `X-Correlation-Id` response header. */
  correlationId?: string;
  /** Validation problems only. */
  errors?: FieldError[];
  /** Further extension members, e.g. readiness check results. */
  [extension: string]: unknown;
}
