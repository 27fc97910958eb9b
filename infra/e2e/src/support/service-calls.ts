import type { TestIssuer, TestUser } from '@stepwell/access/testing';
import type { ServiceProcess } from './service-process';

/** A JSON answer of a service, as the end-to-end suites read it. */
export type Json = Record<string, unknown>;
export type Method = 'GET' | 'POST' | 'PUT';

/** What a service answered: its status, its JSON body (`{}` when empty) and its ETag. */
export interface ServiceAnswer {
  status: number;
  body: Json;
  etag: string | null;
}

/**
 * Calls to built services as a test user (a bearer token from the suite's issuer; `null` calls without one), the
 * one way the end-to-end suites talk HTTP to a service. `issuer` is read at each call: suites create it in
 * `beforeAll`.
 * - `call` answers whatever came back;
 * - `expectCall` answers the body, and throws naming the request, the status and the body when the status is not
 *   the expected one, so a failing step names itself;
 * - `expectCallWithEtag` does the same and adds the answer's `etag` to the body, for a next step's If-Match.
 */
export function serviceCalls(issuer: () => TestIssuer) {
  async function call(service: ServiceProcess, who: TestUser | null, method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ServiceAnswer> {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(who ? { authorization: await issuer().bearer(who) } : {}), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Json, etag: response.headers.get('etag') };
  }
  async function expectAnswer(service: ServiceProcess, who: TestUser | null, method: Method, path: string, body: unknown, expected: number, headers: Record<string, string> = {}): Promise<ServiceAnswer> {
    const answer = await call(service, who, method, path, body, headers);
    if (answer.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  }
  async function expectCall(service: ServiceProcess, who: TestUser | null, method: Method, path: string, body: unknown, expected: number, headers: Record<string, string> = {}): Promise<Json> {
    return (await expectAnswer(service, who, method, path, body, expected, headers)).body;
  }
  async function expectCallWithEtag(
    service: ServiceProcess,
    who: TestUser | null,
    method: Method,
    path: string,
    body: unknown,
    expected: number,
    headers: Record<string, string> = {},
  ): Promise<Json & { etag: string | null }> {
    const answer = await expectAnswer(service, who, method, path, body, expected, headers);
    return { ...answer.body, etag: answer.etag };
  }
  return { call, expectCall, expectCallWithEtag };
}
