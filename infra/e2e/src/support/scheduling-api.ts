import type { ServiceProcess } from './service-process';
import type { TestClockFile } from './test-clock-file';

// The service's JSON as it arrives: a boundary, read with the shapes the callers expect.
type Json = Record<string, unknown>;

/** The ETag of the last answer per body sent back by `send` (the appointment's revision, for If-Match). */
const etags = new WeakMap<Json, string>();

async function send(scheduling: ServiceProcess, bearer: string, path: string, body: unknown, expected: number, ifMatch?: string): Promise<Json> {
  const response = await fetch(`${scheduling.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`POST ${path}: expected ${expected}, got ${response.status}: ${text}`);
  const answer = JSON.parse(text) as Json;
  const etag = response.headers.get('etag');
  if (etag !== null) etags.set(answer, etag);
  return answer;
}

/**
 * Scheduling books only into an episode its own read model knows the caller's organisation provides (issue 10),
 * learnt from the referrals service's acceptance over the bus: until that message has arrived the answer is
 * 404 EPISODE_NOT_FOUND, so the booking is retried for a while (any other answer is final).
 */
async function bookWhenEpisodeKnown(scheduling: ServiceProcess, bearer: string, body: Json, timeoutMs = 30_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await send(scheduling, bearer, '/appointments', body, 201);
    } catch (error) {
      if (!String(error).includes('EPISODE_NOT_FOUND') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** An organisation's administrator registers a clinician (one diary each) at one site. */
export async function registerClinician(scheduling: ServiceProcess, adminBearer: string, organisation: string, n: number): Promise<string> {
  const clinician = await send(
    scheduling,
    adminBearer,
    '/clinicians',
    { name: `E2e Therapist ${n}`, organisation, role: 'high-intensity-therapist', languages: ['en'], sites: ['site-1'] },
    201,
  );
  return clinician['id'] as string;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Europe/London wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function londonWallClock(instant: Date): { date: string; time: string } {
  const part = (type: Intl.DateTimeFormatPartTypes) => LONDON.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/**
 * An administrator adds a video treatment session at site-1 to a clinician's diary, from `from` to `to` (Europe/London
 * wall clock, one day), cut into slots of `slotLengthMinutes`; returns its slots.
 */
export async function addTreatmentSession(
  scheduling: ServiceProcess,
  bearer: string,
  clinicianId: string,
  from: { date: string; time: string },
  to: { date: string; time: string },
  slotLengthMinutes: number,
): Promise<Array<{ id: string; startsAt: string }>> {
  const session = await send(
    scheduling,
    bearer,
    `/clinicians/${clinicianId}/sessions`,
    {
      date: from.date,
      startTime: from.time,
      endTime: to.time,
      slotLengthMinutes,
      modes: ['video'],
      site: 'site-1',
      purposes: ['treatment'],
      embargo: 'none',
    },
    201,
  );
  return session['slots'] as Array<{ id: string; startsAt: string }>;
}

const SLOT_MINUTES = 15;
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

/**
 * A start for a diary session of one slot a few minutes after the service's time, on a whole minute (sessions are
 * laid out in Europe/London wall-clock minutes), an hour later when the session would cross London midnight.
 */
export function sessionStartAfter(serviceNow: Date): Date {
  const start = new Date(Math.ceil(minutesAfter(serviceNow, 3).getTime() / 60_000) * 60_000);
  return londonWallClock(start).date === londonWallClock(minutesAfter(start, SLOT_MINUTES)).date ? start : minutesAfter(start, 60);
}

/**
 * One attended treatment appointment, as a service runs it: a 15-minute diary session a few minutes ahead by the
 * scheduling service's clock (it adds only sessions that have not started and books only slots that have not), the
 * appointment booked into its slot, the service's clock moved past the start (scheduling must run with `clock.env`),
 * then the attendance recorded, which its relay publishes as `scheduling.appointment-attended`.
 */
export async function attendTreatmentAppointment(
  scheduling: ServiceProcess,
  clock: TestClockFile,
  bearer: string,
  booking: { clinicianId: string; patientSubjectId: string; episodeId: string },
): Promise<{ appointmentId: string; startsAt: string }> {
  const start = sessionStartAfter(clock.now());
  const from = londonWallClock(start);
  const to = londonWallClock(minutesAfter(start, SLOT_MINUTES));
  const slots = await addTreatmentSession(scheduling, bearer, booking.clinicianId, from, to, SLOT_MINUTES);
  const slot = slots[0];
  if (!slot) throw new Error(`the session has no slot: ${JSON.stringify(slots)}`);
  const appointment = await bookWhenEpisodeKnown(scheduling, bearer, {
    patientSubjectId: booking.patientSubjectId,
    episodeId: booking.episodeId,
    slotId: slot.id,
    purpose: 'treatment',
    mode: 'video',
  });
  const appointmentId = appointment['id'] as string;
  // Past the end of the slot: attendance is recorded once the appointment has started, and the patient's next
  // appointment, a few minutes later again, does not overlap this one.
  clock.moveTo(minutesAfter(new Date(slot.startsAt), SLOT_MINUTES));
  // As a client that read the booking: the attendance is conditional on the appointment being as it was booked.
  const attended = await send(scheduling, bearer, `/appointments/${appointmentId}/attendance`, { outcome: 'attended', durationMinutes: 50 }, 200, etags.get(appointment));
  if (attended['status'] !== 'attended') throw new Error(`attendance recorded, but the appointment is ${JSON.stringify(attended)}`);
  return { appointmentId, startsAt: slot.startsAt };
}
