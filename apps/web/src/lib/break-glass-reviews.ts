/**
 * The privacy officer's break-glass reviews in the browser: every service's queue (`GET /audit/break-glass`, the
 * platform access library's one implementation, mounted in every service — libs/platform/access, break-glass
 * reviews) merged into one list, oldest first, each grant marked when it has waited longer than the review period;
 * and the review form's own check, the same rule the services apply (a note unless the use was appropriate).
 */
import type { FieldErrors } from '../components/fields';
import { AUDITED_SERVICES } from './case-history';

/**
 * An unreviewed grant older than this many days is shown as overdue, first and in red (hazard H-BG1). A LOCAL
 * policy choice, not a national figure: no national standard sets how soon an NHS organisation's privacy officer
 * must review an emergency access; seven days is one working week, so a weekly review catches every grant. An
 * organisation whose own policy says otherwise changes it here (docs/clinical-safety/hazard-log.md, H-BG1).
 */
export const BREAK_GLASS_REVIEW_OVERDUE_DAYS = 7;

/** The decisions the services accept (BREAK_GLASS_DECISIONS of libs/platform/access, audit/access-events.ts). */
export const BREAK_GLASS_DECISIONS = ['appropriate', 'inappropriate', 'needs-follow-up'] as const;
export type BreakGlassDecision = (typeof BREAK_GLASS_DECISIONS)[number];
export const REVIEW_FORM_FIELDS = ['decision', 'note'] as const;
/** The note's bounds on the services (BreakGlassReviewRequest). */
export const REVIEW_NOTE_MAX = 2000;

/** One grant as a service's queue gives it (BreakGlassQueueItem). */
export interface BreakGlassGrant {
  id: string;
  userId: string;
  organisationId: string;
  organisationType: string;
  role: string;
  patientSubjectId: string;
  resource: string;
  reason: string;
  at: string;
  expiresAt: string | null;
  review: { decision: BreakGlassDecision; note: string | null; reviewedBy: { userId: string; organisationId: string; role: string }; at: string } | null;
}

export interface QueuePage {
  items: BreakGlassGrant[];
  total: number;
}

export type QueueAnswer = { service: string; page: QueuePage } | { service: string; problem: string };

export interface ServiceQueue {
  service: string;
  /** Grants the service holds for the filter; null when it did not answer. */
  total: number | null;
  /** How many of them the page shows (the rest: more than one page). */
  shown: number;
  problem: string | null;
}

export interface QueuedGrant extends BreakGlassGrant {
  /** The service whose access trail holds the grant, and which records its review. */
  service: string;
  /** Whole days since the glass was broken. */
  ageDays: number;
  /** Unreviewed for longer than BREAK_GLASS_REVIEW_OVERDUE_DAYS. */
  overdue: boolean;
}

export interface MergedQueues {
  services: ServiceQueue[];
  grants: QueuedGrant[];
  overdue: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The path of one service's queue of unreviewed grants (the largest page the services allow). */
export const queuePath = (service: string): string => `/api/${service}/audit/break-glass?reviewed=false&pageSize=200`;
export const reviewPath = (service: string, grantId: string): string => `/api/${service}/audit/break-glass/${encodeURIComponent(grantId)}/review`;
export const QUEUE_SERVICES = AUDITED_SERVICES;

/** Every service's answer in one list: oldest grant first (the overdue ones lead), a service that did not answer named. */
export function mergeQueues(answers: readonly QueueAnswer[], now: Date): MergedQueues {
  const services: ServiceQueue[] = [];
  const grants: QueuedGrant[] = [];
  for (const answer of answers) {
    if ('problem' in answer) {
      services.push({ service: answer.service, total: null, shown: 0, problem: answer.problem });
      continue;
    }
    services.push({ service: answer.service, total: answer.page.total, shown: answer.page.items.length, problem: null });
    for (const grant of answer.page.items) {
      const ageDays = Math.floor((now.getTime() - new Date(grant.at).getTime()) / DAY_MS);
      grants.push({ ...grant, service: answer.service, ageDays, overdue: grant.review === null && ageDays > BREAK_GLASS_REVIEW_OVERDUE_DAYS });
    }
  }
  grants.sort((a, b) => a.at.localeCompare(b.at) || a.service.localeCompare(b.service) || a.id.localeCompare(b.id));
  return { services, grants, overdue: grants.filter((g) => g.overdue).length };
}

/** The form's own check before sending: a decision, and a note (1–2000 characters) unless the use was appropriate. */
export function reviewFormErrors(decision: string, note: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!(BREAK_GLASS_DECISIONS as readonly string[]).includes(decision)) errors['decision'] = 'Select whether the emergency access was appropriate';
  const trimmed = note.trim();
  if (decision !== 'appropriate' && decision !== '' && trimmed === '') errors['note'] = 'Enter a note saying why, unless the access was appropriate';
  if (trimmed.length > REVIEW_NOTE_MAX) errors['note'] = `The note must be ${REVIEW_NOTE_MAX} characters or fewer`;
  return errors;
}

/** The request body: the note only when one was written. */
export function reviewBody(decision: BreakGlassDecision, note: string): { decision: BreakGlassDecision; note?: string } {
  const trimmed = note.trim();
  return trimmed === '' ? { decision } : { decision, note: trimmed };
}
