import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NotificationRequest } from '../shared/notification.port';
import { DeliveryFailure, NOTIFICATION_TEMPLATES, type NotificationDelivery } from './notification-delivery.port';

/**
 * Letters and messages written as one JSON file per request into a folder (`NOTIFICATIONS_OUTBOX_DIR`): a print
 * room, a hybrid-mail gateway or a messaging gateway takes them from there. The file holds what the request holds
 * (organisation codes, the subject id, the template) — never contact details, which the taker looks up under its own
 * controls. One file per request id, written to a temporary name and renamed, so a repeated delivery of the same
 * request (after a crash or a retry) leaves exactly one complete file and the same reference.
 */
export class OutboxFileDelivery implements NotificationDelivery {
  readonly name = 'outbox-files';

  constructor(private readonly directory: string) {}

  async deliver(notification: NotificationRequest): Promise<{ reference: string }> {
    const file = join(this.directory, `${notification.id}.json`);
    const reference = `outbox:${notification.id}`;
    try {
      await mkdir(this.directory, { recursive: true });
      const existing = await readFile(file, 'utf8').catch(() => null);
      if (existing !== null) return { reference };
      const body = {
        id: notification.id,
        template: NOTIFICATION_TEMPLATES[notification.kind][notification.channel],
        kind: notification.kind,
        channel: notification.channel,
        referralId: notification.referralId,
        patientSubjectId: notification.patientSubjectId,
        senderOrganisation: notification.senderOrganisation,
        recipient: notification.recipient,
        // The taker uses no channel the person withdrew (issue 15 item 5).
        ...(notification.contactChannels ? { contactChannels: notification.contactChannels } : {}),
        requestedAt: notification.requestedAt,
      };
      const temporary = join(this.directory, `.${notification.id}.${randomUUID()}.tmp`);
      await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`, { flag: 'wx' });
      await rename(temporary, file);
      return { reference };
    } catch (error) {
      // A full or unwritable disk is worth retrying; the error text (a path) stays out of the record.
      throw new DeliveryFailure(`outbox-${(error as NodeJS.ErrnoException).code ?? 'write-failed'}`.toLowerCase(), true);
    }
  }
}
