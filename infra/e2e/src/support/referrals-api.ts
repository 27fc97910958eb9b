import type { ServiceProcess } from './service-process';

/** What the test asks of the referrals service, over HTTP, as a referrer would. */
export interface IssuedEvent {
  referralId: string;
  type: 'referrals.referral-received' | 'referrals.referral-withdrawn';
}

// Not crisis: a crisis referral also publishes referrals.urgent-triage-needed, which these flows do not count.
const urgencies = ['routine', 'urgent'] as const;

export async function receiveReferral(referrals: ServiceProcess, bearer: string, n: number): Promise<string> {
  const response = await fetch(`${referrals.baseUrl}/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer },
    body: JSON.stringify({
      source: n % 2 === 0 ? 'gp' : 'health-professional',
      receivingOrganisation: 'RXT01',
      registeredGpPractice: 'A81001',
      urgency: urgencies[n % urgencies.length],
      reason: `End-to-end test referral ${n}`,
      // One patient per referral (made-up demographics; no NHS number, so identity is by name, birth date, postcode).
      patient: {
        givenName: 'E2e',
        familyName: `Patient${n}`,
        dateOfBirth: '1980-01-01',
        postcode: 'LS1 4AP',
        email: `p${n}@example.org`,
      },
      presentingProblems: ['low-mood'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || !body.id) throw new Error(`POST /referrals: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

export async function withdrawReferral(referrals: ServiceProcess, bearer: string, referralId: string): Promise<void> {
  const response = await fetch(`${referrals.baseUrl}/referrals/${referralId}/withdraw`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer },
    body: JSON.stringify({ reason: 'patient-request' }),
  });
  if (response.status !== 200) throw new Error(`POST /referrals/${referralId}/withdraw: ${response.status} ${await response.text()}`);
}
