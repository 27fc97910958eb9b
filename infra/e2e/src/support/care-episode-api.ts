import type { ServiceProcess } from './service-process';

/** A referral the referrals service received and accepted: the ids its events carry. */
export interface AcceptedReferral {
  referralId: string;
  patientSubjectId: string;
  episodeId: string;
}

/** Where the accepted referral is provided (the ODS code of the test therapist's organisation). */
export interface Acceptance {
  step: 'step-2' | 'step-3';
  providingOrganisation: string;
}

// The services' JSON as it arrives: a boundary, read with the shapes the callers expect.
type Json = Record<string, unknown>;

async function send(service: ServiceProcess, bearer: string, method: 'POST', path: string, body: unknown, expected: number): Promise<Json> {
  const response = await fetch(`${service.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: bearer },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${text}`);
  return JSON.parse(text) as Json;
}

/**
 * A GP refers a patient on the full form (made-up demographics, one patient per `n`, no NHS number so identity is
 * by name, birth date and postcode), and a clinician accepts the referral at triage, which opens a care episode.
 */
export async function referAndAccept(
  referrals: ServiceProcess,
  bearers: { referrer: string; clinician: string },
  n: number,
  acceptance: Acceptance,
): Promise<AcceptedReferral> {
  const referral = await send(
    referrals,
    bearers.referrer,
    'POST',
    '/referrals',
    {
      source: 'gp',
      patient: { givenName: 'Outcome', familyName: `Patient${n}`, dateOfBirth: '1985-06-15', postcode: 'LS1 4AP', email: `outcome${n}@example.org` },
      receivingOrganisation: acceptance.providingOrganisation,
      urgency: 'routine',
      reason: 'Low mood and worry for several months',
      presentingProblems: ['low-mood'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    },
    201,
  );
  const referralId = referral['id'] as string;
  const triaged = await send(
    referrals,
    bearers.clinician,
    'POST',
    `/referrals/${referralId}/triage`,
    { outcome: 'accept', step: acceptance.step, providingOrganisation: acceptance.providingOrganisation },
    200,
  );
  const episodeId = (triaged['triage'] as { episodeId?: string } | undefined)?.episodeId;
  if (!episodeId) throw new Error(`POST /referrals/${referralId}/triage opened no episode: ${JSON.stringify(triaged)}`);
  return { referralId, patientSubjectId: referral['patientSubjectId'] as string, episodeId };
}

/** A clinician discharges the episode (the referral ends): the referrals service publishes episode-discharged. */
export async function dischargeEpisode(referrals: ServiceProcess, clinicianBearer: string, episodeId: string, reason: 'completed'): Promise<void> {
  await send(referrals, clinicianBearer, 'POST', `/episodes/${episodeId}/discharge`, { reason }, 200);
}
