import { type Problem, problemFromUnexpected } from './problems';

/** A non-2xx answer from the BFF or a service behind it, as its RFC 9457 problem. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'ApiProblem';
  }
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
  etag: string | null;
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  ifMatch?: string | null;
  /** A retried command with the same key is answered once (the services' `Idempotency-Key`). */
  idempotencyKey?: string;
  /** Break-glass: the reason, sent on every read it covers (libs/platform/access "Break-glass"); never on a write. */
  breakGlassReason?: string;
}

/** The session's CSRF token, from the readable cookie the BFF sets at log-in (apps/web-bff: CSRF). */
function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'stepwell_csrf') return value.join('=');
  }
  return undefined;
}

/**
 * Calls the BFF: `/api/<service>/...` reaches a service with the user's token added by the BFF (the token never
 * reaches the browser); `/session...` is the BFF's own. The session cookie goes along (same origin).
 */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.breakGlassReason) headers['x-break-glass-reason'] = options.breakGlassReason;
  // Every state-changing request carries the session's CSRF token; the BFF refuses one without it (403).
  const csrf = (options.method ?? 'GET') === 'GET' ? undefined : csrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (error) {
    throw new ApiProblem(problemFromUnexpected(0, error instanceof Error ? error.message : String(error)));
  }
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const parsed: unknown = text && type.includes('json') ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = parsed && typeof parsed === 'object' && 'title' in parsed ? (parsed as Problem) : problemFromUnexpected(response.status, text);
    throw new ApiProblem({ ...problem, status: response.status });
  }
  return { status: response.status, body: parsed as T, etag: response.headers.get('etag') };
}
