import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Who is signed in, as the web app shows it (from the token's claims; never the token). */
export interface SessionUser {
  key: string;
  user: string;
  name: string;
  org: string;
  orgType: string;
  roles: string[];
}

interface Session {
  who: SessionUser;
  token: string;
  expiresAt: number;
  /** The CSRF token of this session (synchronizer token, also handed to the app in a readable cookie). */
  csrf: string;
}

export const SESSION_COOKIE = 'stepwell_session';
/** Readable by the app's script (not HTTP-only) so it can echo it in the CSRF header; useless to another site. */
export const CSRF_COOKIE = 'stepwell_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A session lasts as long as its token (one hour), then the person logs in again. */
export const SESSION_SECONDS = 3600;

/**
 * Sessions on the server, keyed by a random id that is all the cookie holds: the bearer token never reaches the
 * browser (so no script can read it). In memory: one BFF process; a restart logs everyone out (README: several
 * instances would need a shared store — not built).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new session; `seconds` shortens it to the token's own lifetime when that is under an hour. */
  create(who: SessionUser, token: string, seconds: number = SESSION_SECONDS): string {
    const id = randomBytes(32).toString('base64url');
    const lifetime = Math.max(0, Math.min(seconds, SESSION_SECONDS));
    this.sessions.set(id, { who, token, expiresAt: this.now() + lifetime * 1000, csrf: randomBytes(32).toString('base64url') });
    return id;
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }
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
export function csrfMatches(session: { csrf: string }, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(session.csrf);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The session cookie — HTTP-only (no script reads it), SameSite=Strict (no other site's page sends it), Secure in
 * production — and the CSRF cookie the app reads to send `X-CSRF-Token` (same attributes but readable).
 */
export function sessionCookies(id: string, csrf: string, secure: boolean, seconds: number = SESSION_SECONDS): string[] {
  const attributes = `Path=/; SameSite=Strict; Max-Age=${Math.max(0, Math.min(seconds, SESSION_SECONDS))}${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${id}; ${attributes.replace('Path=/; ', 'Path=/; HttpOnly; ')}`, `${CSRF_COOKIE}=${csrf}; ${attributes}`];
}

/** Both cookies of a session just created. */
export function sessionCookiesFor(sessions: SessionStore, id: string, secure: boolean, seconds: number = SESSION_SECONDS): string[] {
  return sessionCookies(id, (sessions.get(id) as Session).csrf, secure, seconds);
}

/** Creates a session and sets its cookies. */
export function startSession(sessions: SessionStore, res: { setHeader(name: string, value: string[]): unknown }, who: SessionUser, token: string, secure: boolean, seconds: number = SESSION_SECONDS): void {
  res.setHeader('set-cookie', sessionCookiesFor(sessions, sessions.create(who, token, seconds), secure, seconds));
}

export function clearedSessionCookies(secure: boolean): string[] {
  return [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`,
    `${CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`,
  ];
}
