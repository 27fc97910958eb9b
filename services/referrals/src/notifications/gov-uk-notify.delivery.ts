import { createHmac } from 'node:crypto';
import type { NotificationRequest } from '../shared/notification.port';
import { DeliveryFailure, type NotificationDelivery } from './notification-delivery.port';

/** Where a notification goes, looked up at the moment of sending (never stored in the request, never logged). */
export type NotificationContact =
  | { channel: 'email'; emailAddress: string }
  | { channel: 'sms'; phoneNumber: string }
  | { channel: 'letter'; addressLines: string[] };

/** Looks up the contact for a request: the person's email or phone, an organisation's postal address. */
export interface NotificationContactResolver {
  contactFor(notification: NotificationRequest): Promise<NotificationContact | null>;
}

export interface GovUkNotifySettings {
  /** The API key as GOV.UK Notify issues it: `<key name>-<service id (uuid)>-<secret (uuid)>`. */
  apiKey: string;
  baseUrl: string;
  templates: { email?: string | undefined; sms?: string | undefined; letter?: string | undefined };
}

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ status: number; json(): Promise<unknown> }>;

const UUID_LENGTH = 36;

/** Splits a GOV.UK Notify API key into its service id and secret (the last two UUIDs). */
export function parseNotifyApiKey(apiKey: string): { serviceId: string; secret: string } {
  const secret = apiKey.slice(-UUID_LENGTH);
  const serviceId = apiKey.slice(-(2 * UUID_LENGTH + 1), -(UUID_LENGTH + 1));
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(secret) || !uuid.test(serviceId)) throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key (<name>-<service id>-<secret>)');
  return { serviceId, secret };
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** The bearer token GOV.UK Notify expects: an HS256 JWT with `iss` = service id and `iat` = now (seconds). */
export function notifyBearerToken(serviceId: string, secret: string, now: Date): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const claims = base64url(JSON.stringify({ iss: serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

/**
 * GOV.UK Notify (https://docs.notifications.service.gov.uk/rest-api.html) behind the delivery port: email or text
 * message to a self-referrer, letter to an organisation, each with the configured template and the request id as
 * `reference`. Contact details come from the resolver at send time and go only into the request body to Notify.
 * Notify has no idempotency key: a crash between Notify's 201 and the sender's "sent" record can send twice (the
 * `reference` lets the two be found). 429 and 5xx are retried; other 4xx stop. UNPROVEN here: no Notify account or
 * network from these machines; tested only against a local stand-in speaking the documented API.
 */
export class GovUkNotifyDelivery implements NotificationDelivery {
  readonly name = 'gov-uk-notify';
  private readonly serviceId: string;
  private readonly secret: string;

  constructor(
    private readonly settings: GovUkNotifySettings,
    private readonly contacts: NotificationContactResolver,
    private readonly fetchFn: Fetch = fetch as unknown as Fetch,
    private readonly now: () => Date = () => new Date(),
  ) {
    ({ serviceId: this.serviceId, secret: this.secret } = parseNotifyApiKey(settings.apiKey));
  }

  async deliver(notification: NotificationRequest): Promise<{ reference: string }> {
    const contact = await this.contacts.contactFor(notification);
    if (contact === null) throw new DeliveryFailure(notification.channel === 'letter' ? 'no-postal-address' : 'no-contact-details', false);
    const template = this.settings.templates[contact.channel];
    if (!template) throw new DeliveryFailure(`no-${contact.channel}-template`, false);
    const body: Record<string, unknown> = { template_id: template, reference: notification.id };
    if (contact.channel === 'email') body['email_address'] = contact.emailAddress;
    if (contact.channel === 'sms') body['phone_number'] = contact.phoneNumber;
    if (contact.channel === 'letter') {
      body['personalisation'] = Object.fromEntries(contact.addressLines.slice(0, 7).map((line, index) => [`address_line_${index + 1}`, line]));
    }
    let response;
    try {
      response = await this.fetchFn(`${this.settings.baseUrl.replace(/\/$/, '')}/v2/notifications/${contact.channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${notifyBearerToken(this.serviceId, this.secret, this.now())}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new DeliveryFailure('notify-unreachable', true);
    }
    // Notify's error bodies can echo what was sent: only the status is kept.
    if (response.status === 201 || response.status === 200) {
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { reference: typeof answer.id === 'string' ? `notify:${answer.id}` : `notify-reference:${notification.id}` };
    }
    if (response.status === 429 || response.status >= 500) throw new DeliveryFailure(`notify-http-${response.status}`, true);
    throw new DeliveryFailure(`notify-http-${response.status}`, false);
  }
}
