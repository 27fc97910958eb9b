import { randomBytes } from 'node:crypto';

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
}

export const SESSION_COOKIE = 'stepwell_session';
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

  create(who: SessionUser, token: string): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { who, token, expiresAt: this.now() + SESSION_SECONDS * 1000 });
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

/** The session id from a request's Cookie header. */
export function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** HTTP-only (no script reads it), SameSite=Strict (no other site's page sends it), Secure in production. */
export function sessionCookie(id: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
