import { createHash, randomBytes } from 'node:crypto';
import { deterministicUuid } from '@stepwell/decider';

/** 32 random bytes, URL-safe: unguessable, and carrying nothing about the patient. */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The invitation id behind a token. Only the token's hash takes part, so the service never stores the token: a
 * copy of the event log cannot be turned back into working links.
 */
export function invitationIdOf(token: string): string {
  return deterministicUuid(`outcomes/invitation/${createHash('sha256').update(token).digest('hex')}`);
}
