import type { RecordedEvent } from '@stepwell/event-store';
import { deterministicUuid } from '@stepwell/decider';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import type { ReferralAcknowledgementRequested } from '../domain/referral.decider';
import type { NotificationRequest } from '../shared/notification.port';

/** The one id of a referral's acknowledgement request: a replayed or redelivered event asks under the same id. */
export const acknowledgementRequestId = (referralId: string): string => deterministicUuid(`referrals/acknowledgement/${referralId}`);

/**
 * Records the acknowledgements that a page's `ReferralAcknowledgementRequested` events ask for (issue 12 item 18) in
 * `notification_requests`, in one statement, which the sender drains (a letters/messages gateway, or a person
 * printing letters, works through the rows whose `sent_at` is null). Called by the referrals projection in its page
 * transaction (issue 14): the request commits with the read models a write waits for, so it is there before the
 * referral's response, and the request path no longer spends a statement and a commit of its own on it. Inserting
 * the same id again changes nothing (a redelivered page, a rebuild replaying the log, a retried referral): a request
 * is never made twice and a sent one is never reset. The row names the person by subject id only; the sender looks
 * the contact up itself.
 */
export async function recordAcknowledgementRequests(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const schema = readModelSchema(manager);
  const requests = events.map((event) => {
    const data = event.data as ReferralAcknowledgementRequested['data'];
    const channel: NotificationRequest['channel'] = data.recipient.kind === 'organisation' ? 'letter' : 'text-or-email';
    return {
      id: acknowledgementRequestId(data.referralId),
      referralId: data.referralId,
      // Every producer puts the person in the metadata; else the referral's queue row (applied earlier in this page).
      patientSubjectId: event.metadata.patientSubjectId ?? null,
      sender: data.receivingOrganisation,
      recipientKind: data.recipient.kind,
      recipientOrganisation: data.recipient.kind === 'organisation' ? data.recipient.organisationId : null,
      channel,
      requestedAt: data.requestedAt,
    };
  });
  const kind: NotificationRequest['kind'] = 'referral-acknowledgement';
  const column = <Key extends keyof (typeof requests)[number]>(key: Key) => requests.map((request) => request[key]);
  // No row, rather than a page that can never commit, for a referral whose person is known nowhere.
  await manager.query(
    `INSERT INTO ${qualifiedTable(schema, 'notification_requests')}
       (id, kind, referral_id, patient_subject_id, sender_organisation, recipient_kind, recipient_organisation, channel, requested_at)
     SELECT r.id, $1, r.referral_id, COALESCE(r.patient_subject_id, q.patient_subject_id), r.sender, r.recipient_kind, r.recipient_organisation, r.channel, r.requested_at
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
            AS r(id, referral_id, patient_subject_id, sender, recipient_kind, recipient_organisation, channel, requested_at)
       LEFT JOIN ${qualifiedTable(schema, 'referral_queue')} q ON q.referral_id = r.referral_id
      WHERE COALESCE(r.patient_subject_id, q.patient_subject_id) IS NOT NULL
     ON CONFLICT (id) DO NOTHING`,
    [
      kind,
      column('id'),
      column('referralId'),
      column('patientSubjectId'),
      column('sender'),
      column('recipientKind'),
      column('recipientOrganisation'),
      column('channel'),
      column('requestedAt'),
    ],
  );
}
