import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testNow } from '@stepwell/testing';
import { GovUkNotifyDelivery, type NotificationContact, parseNotifyApiKey } from './gov-uk-notify.delivery';
import type { NotificationRequest } from '../shared/notification.port';
import type { DeliveryFailure } from './notification-delivery.port';

/** A local stand-in speaking the documented GOV.UK Notify v2 API: it checks the JWT and answers as told. */
describe('GOV.UK Notify delivery adapter (unproven against the live service; H-K6)', () => {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const apiKey = `stepwell_test-${serviceId}-${secret}`;
  let server: Server;
  let baseUrl: string;
  let answer: { status: number; body: unknown } = { status: 201, body: {} };
  const received: Array<{ path: string; body: Record<string, unknown>; claims: Record<string, unknown>; signatureValid: boolean }> = [];

  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => resolve(text));
    });

  beforeAll(async () => {
    server = createServer((request, response) => {
      void readBody(request).then((text) => {
        const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
        const [header = '', claims = '', signature = ''] = token.split('.');
        const expected = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
        received.push({
          path: request.url ?? '',
          body: JSON.parse(text) as Record<string, unknown>,
          claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>,
          signatureValid: signature === expected,
        });
        response.writeHead(answer.status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
  });

  const request = (overrides: Partial<NotificationRequest> = {}): NotificationRequest => ({
    id: randomUUID(), kind: 'referral-acknowledgement', referralId: randomUUID(), patientSubjectId: randomUUID(), senderOrganisation: 'RXT01',
    recipient: { kind: 'patient' }, channel: 'text-or-email', requestedAt: new Date(testNow()).toISOString(), ...overrides,
  });
  const adapter = (contact: NotificationContact | null, now = new Date(testNow())) =>
    new GovUkNotifyDelivery(
      { apiKey, baseUrl, templates: { email: 'tpl-email', sms: 'tpl-sms' } },
      { contactFor: () => Promise.resolve(contact) },
      undefined,
      () => now,
    );

  it('parses the key and sends an email with a valid HS256 token (iss = service id, iat = now), the template and the request id as reference', async () => {
    expect(parseNotifyApiKey(apiKey)).toEqual({ serviceId, secret });
    const notificationId = randomUUID();
    answer = { status: 201, body: { id: 'notify-id-1' } };
    const now = new Date(testNow());
    const result = await adapter({ channel: 'email', emailAddress: 'person@example.org' }, now).deliver(request({ id: notificationId }));
    expect(result).toEqual({ reference: 'notify:notify-id-1' });
    expect(received).toEqual([
      {
        path: '/v2/notifications/email',
        body: { template_id: 'tpl-email', reference: notificationId, email_address: 'person@example.org' },
        claims: { iss: serviceId, iat: Math.floor(now.getTime() / 1000) },
        signatureValid: true,
      },
    ]);
  });

  it('sends a text message when only a phone is known', async () => {
    answer = { status: 201, body: { id: 'notify-id-2' } };
    await adapter({ channel: 'sms', phoneNumber: '07700900000' }).deliver(request());
    expect(received[0]).toMatchObject({ path: '/v2/notifications/sms', body: { template_id: 'tpl-sms', phone_number: '07700900000' } });
  });

  it('retries rate limits and server errors, stops on other client errors and on missing contact or template, keeping only codes', async () => {
    const failureOf = async (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as DeliveryFailure);
    answer = { status: 429, body: { errors: [{ message: 'person@example.org rate limited' }] } };
    expect(await failureOf(adapter({ channel: 'email', emailAddress: 'person@example.org' }).deliver(request()))).toMatchObject({ code: 'notify-http-429', retryable: true });
    answer = { status: 500, body: {} };
    expect(await failureOf(adapter({ channel: 'email', emailAddress: 'a@example.org' }).deliver(request()))).toMatchObject({ code: 'notify-http-500', retryable: true });
    answer = { status: 400, body: { errors: [{ message: 'person@example.org is not valid' }] } };
    const refused = await failureOf(adapter({ channel: 'email', emailAddress: 'person@example.org' }).deliver(request()));
    expect(refused).toMatchObject({ code: 'notify-http-400', retryable: false });
    expect((refused as Error).message).not.toContain('example.org');
    expect(await failureOf(adapter(null).deliver(request()))).toMatchObject({ code: 'no-contact-details', retryable: false });
    expect(await failureOf(adapter({ channel: 'letter', addressLines: ['A', 'B', 'LS1 4AP'] }).deliver(request({ channel: 'letter' })))).toMatchObject({
      code: 'no-letter-template', retryable: false,
    });
    const unreachable = new GovUkNotifyDelivery({ apiKey, baseUrl: 'http://127.0.0.1:9', templates: { email: 't' } }, { contactFor: () => Promise.resolve({ channel: 'email', emailAddress: 'x@example.org' }) });
    expect(await failureOf(unreachable.deliver(request()))).toMatchObject({ code: 'notify-unreachable', retryable: true });
  });

  it('refuses a malformed API key at start', () => {
    expect(() => new GovUkNotifyDelivery({ apiKey: 'not-a-key', baseUrl, templates: {} }, { contactFor: () => Promise.resolve(null) })).toThrow(/NOTIFY_API_KEY/);
  });
});
