import { createHash, timingSafeEqual } from 'node:crypto';

/** Who is signed in, as the web app shows it (from the token's claims; never the token). */
export interface SessionUser {
  key: string;
  user: string;
  name: string;
  org: string;
  orgType: string;
  roles: string[];
}

/** A signed-in session as the BFF uses it: never sent to the browser. */
export interface Session {
  who: SessionUser;
  /** The bearer token the services receive. */
  token: string;
  /** OpenID Connect only: the provider's ID token, the `id_token_hint` of RP-initiated logout. */
  idToken?: string;
  /** SHA-256 of this session's CSRF token (synchronizer token; the token itself is only in the app's cookie). */
  csrfHash: Buffer;
}

/** What a sign-in hands to the store: the tokens it obtained. */
export interface SessionTokens {
  accessToken: string;
  idToken?: string;
}

/** A session just created: its id (the cookie) and CSRF token, each known only here and in the browser. */
export interface NewSession {
  id: string;
  csrf: string;
  /** Its absolute lifetime in seconds (the cookies' Max-Age). */
  seconds: number;
}

export const SESSION_COOKIE = 'stepwell_session';
/** Readable by the app's script (not HTTP-only) so it can echo it in the CSRF header; useless to another site. */
export const CSRF_COOKIE = 'stepwell_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A session lasts at most as long as its token (one hour at most), then the person logs in again. */
export const SESSION_SECONDS = 3600;

/** A session's absolute lifetime: the token's own lifetime when under an hour. */
export function sessionLifetime(seconds: number | undefined): number {
  return Math.max(0, Math.min(seconds ?? SESSION_SECONDS, SESSION_SECONDS));
}

export const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The sessions port: keyed by a random id that is all the cookie holds, so the bearer token never reaches the
 * browser. Implemented by PostgresSessionStore (every BFF instance shares the table; a restart logs nobody out).
 */
export abstract class SessionStore {
  /**
   * A new session. `replacing`: the session id the browser still carried, ended in the same step — a sign-in always
   * gets a fresh id (no session fixation).
   */
  abstract create(who: SessionUser, tokens: SessionTokens, seconds: number | undefined, replacing: string | undefined): Promise<NewSession>;
  /** The live session (neither idle nor past its absolute expiry), marking it active; undefined otherwise. */
  abstract get(id: string | undefined): Promise<Session | undefined>;
  /** Ends the session; answers what it held (the ID token for the provider's logout), if it was live. */
  abstract delete(id: string | undefined): Promise<Session | undefined>;
}

/** The answer when the sessions' database cannot be reached: 503 with a retry hint, never a 500. */
export function sendSessionsUnavailable(res: { setHeader(name: string, value: string): unknown }, send: (status: number, type: string, title: string, detail: string) => void): void {
  res.setHeader('retry-after', '5');
  send(503, 'sessions-unavailable', 'Stepwell is briefly unavailable', 'Your session could not be checked. Try again in a few seconds.');
}

/** A cookie's value from a request's Cookie header. */
export function cookieOf(cookieHeader: string | undefined, cookie: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return value.join('=');
  }
  return undefined;
}

/** The session id from a request's Cookie header. */
export function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  return cookieOf(cookieHeader, SESSION_COOKIE);
}

/**
 * CSRF check for a state-changing request (synchronizer token): the `X-CSRF-Token` header must equal the session's
 * token. Another site can make the browser send the cookie (were SameSite ever bypassed, e.g. by a same-site
 * subdomain) but cannot read the CSRF cookie to set the header.
 */
export function csrfMatches(session: { csrfHash: Buffer }, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const given = sha256(header);
  return given.length === session.csrfHash.length && timingSafeEqual(given, session.csrfHash);
}

/**
 * The session cookie — HTTP-only (no script reads it), SameSite=Strict (no other site's page sends it), Secure in
 * production — and the CSRF cookie the app reads to send `X-CSRF-Token` (same attributes but readable).
 */
export function sessionCookies(id: string, csrf: string, secure: boolean, seconds: number = SESSION_SECONDS): string[] {
  const attributes = `Path=/; SameSite=Strict; Max-Age=${sessionLifetime(seconds)}${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${id}; ${attributes.replace('Path=/; ', 'Path=/; HttpOnly; ')}`, `${CSRF_COOKIE}=${csrf}; ${attributes}`];
}

/** Creates a session (ending the one the request carried) and sets its cookies. */
export async function startSession(
  sessions: SessionStore,
  req: { headers: { cookie?: string | undefined } },
  res: { setHeader(name: string, value: string[]): unknown },
  who: SessionUser,
  tokens: SessionTokens,
  secure: boolean,
  seconds?: number,
  otherCookies: string[] = [],
): Promise<void> {
  const session = await sessions.create(who, tokens, seconds, sessionIdOf(req.headers.cookie));
  res.setHeader('set-cookie', [...otherCookies, ...sessionCookies(session.id, session.csrf, secure, session.seconds)]);
}

export function clearedSessionCookies(secure: boolean): string[] {
  return [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`,
    `${CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`,
  ];
}
