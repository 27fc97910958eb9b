import type { BffRequest as Request, BffResponse as Response, NextFunction } from './http-types';
import { type BffConfig, type ServiceName, SERVICES } from './config';
import { sendProblem } from './problem';
import { CSRF_HEADER, csrfMatches, sendSessionsUnavailable, sessionIdOf, type SessionStore } from './session-store';

/** Methods that change nothing: every other method needs the session's CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Request headers a service may need from the browser; everything else (the cookie above all) stays here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'x-correlation-id', 'x-break-glass-reason'];
/** Answer headers the web app reads. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'etag', 'location', 'retry-after', 'x-correlation-id', 'idempotent-replayed'];
const MAX_BODY_BYTES = 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 30_000;

const isService = (name: string): name is ServiceName => Object.hasOwn(SERVICES, name);

async function readBody(req: Request): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `/api/<service>/<path>` → `<service base URL>/<path>` with the session's bearer token. The services decide
 * everything (authentication, the access policy, audit); the BFF only adds who is asking. Mounted before any body
 * parser, so bodies pass through byte for byte.
 */
export function apiProxy(config: BffConfig, sessions: SessionStore) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const match = /^\/([a-z]+)(\/[^?#]*)?(\?.*)?$/.exec(req.url);
      const name = match?.[1];
      if (!match || !name || !isService(name)) {
        return sendProblem(res, 404, 'not-found', 'Not found', 'No such service behind /api.');
      }
      const session = await sessions.get(sessionIdOf(req.headers.cookie)).catch(() => null);
      if (session === null) return sendSessionsUnavailable(res, (...problem) => sendProblem(res, ...problem));
      if (!session) return sendProblem(res, 401, 'unauthenticated', 'Not signed in', 'Log in to use Stepwell.');
      if (!SAFE_METHODS.has(req.method) && !csrfMatches(session, req.headers[CSRF_HEADER])) {
        return sendProblem(res, 403, 'csrf-token-invalid', 'Request not accepted', 'The request did not carry this session’s CSRF token. Reload the page and try again.');
      }
      const headers: Record<string, string> = { authorization: `Bearer ${session.token}` };
      for (const header of FORWARDED_REQUEST_HEADERS) {
        const value = req.headers[header];
        if (typeof value === 'string') headers[header] = value;
      }
      let body: Buffer | undefined;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const read = await readBody(req);
        if (read === null) return sendProblem(res, 413, 'payload-too-large', 'Request too large', 'The request body is over 1 MiB.');
        body = read;
      }
      const target = `${config.services[name]}${match[2] ?? '/'}${match[3] ?? ''}`;
      let upstream: globalThis.Response;
      try {
        upstream = await fetch(target, { method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
      } catch {
        return sendProblem(res, 502, 'service-unreachable', 'Service unreachable', `The ${name} service did not answer; nothing was sent to it or its answer was lost. Try again.`);
      }
      res.status(upstream.status);
      for (const header of FORWARDED_RESPONSE_HEADERS) {
        const value = upstream.headers.get(header);
        if (value !== null) res.setHeader(header, value);
      }
      res.setHeader('cache-control', 'no-store');
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  };
}
