import type { RecordedEvent } from '@stepwell/event-store';
import { deterministicUuid } from '@stepwell/decider';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import type { ReferralAcknowledgementRequested } from '../domain/referral.decider';
import type { NotificationRequest } from '../shared/notification.port';

/** The one id of a referral's acknowledgement request: a replayed or redelivered event asks under the same id. */
export const acknowledgementRequestId = (referralId: string): string => deterministicUuid(`referrals/acknowledgement/${referralId}`);

/**
 * Records the acknowledgement a `ReferralAcknowledgementRequested` event asks for (issue 12 item 18) in
 * `notification_requests`, which the sender drains (a letters/messages gateway, or a person printing letters, works
 * through the rows whose `sent_at` is null). Called by the referrals projection in its page transaction (issue 14):
 * the request commits with the read models a write waits for, so it is there before the referral's response, and a
 * request path no longer spends a statement and a commit of its own on it. Inserting the same id again changes
 * nothing (a redelivered page, a rebuild replaying the log, a retried referral): a request is never made twice and a
 * sent one is never reset. The row names the person by subject id only; the sender looks the contact up itself.
 */
export async function recordAcknowledgementRequest(manager: EntityManager, event: RecordedEvent): Promise<void> {
  const data = event.data as ReferralAcknowledgementRequested['data'];
  const schema = readModelSchema(manager);
  const channel: NotificationRequest['channel'] = data.recipient.kind === 'organisation' ? 'letter' : 'text-or-email';
  const kind: NotificationRequest['kind'] = 'referral-acknowledgement';
  // Every producer puts the person in the metadata; else the referral's queue row (applied earlier in this page).
  // INSERT … SELECT: no row, rather than a page that can never commit, for a referral whose person is known nowhere.
  await manager.query(
    `INSERT INTO ${qualifiedTable(schema, 'notification_requests')}
       (id, kind, referral_id, patient_subject_id, sender_organisation, recipient_kind, recipient_organisation, channel, requested_at)
     SELECT $1::uuid, $2::text, $3::uuid, person.id, $5::text, $6::text, $7::text, $8::text, $9::timestamptz
       FROM (SELECT COALESCE($4::text, (SELECT q.patient_subject_id FROM ${qualifiedTable(schema, 'referral_queue')} q WHERE q.referral_id = $3::uuid)) AS id) person
      WHERE person.id IS NOT NULL
     ON CONFLICT (id) DO NOTHING`,
    [
      acknowledgementRequestId(data.referralId),
      kind,
      data.referralId,
      event.metadata.patientSubjectId ?? null,
      data.receivingOrganisation,
      data.recipient.kind,
      data.recipient.kind === 'organisation' ? data.recipient.organisationId : null,
      channel,
      data.requestedAt,
    ],
  );
}
