import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, NOT_ATTENDED_OUTCOMES } from '@stepwell/contracts/browser';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, SelectField, TextField } from '../components/fields';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, type Problem } from '../lib/problems';
import { navigate } from '../lib/router';
import type { SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';
import { Information } from '../components/information';

/** One bookable slot as scheduling's `GET /slots` answers it (embargoed slots appear only once they open). */
export interface FreeSlot {
  id: string;
  clinicianId: string;
  clinicianRole: string;
  languages: string[];
  organisation: string;
  site: string;
  startsAt: string;
  endsAt: string;
  embargo: string;
  modes: string[];
  purposes: string[];
}

export interface Appointment {
  id: string;
  patientSubjectId: string;
  episodeId: string;
  clinicianId: string;
  organisation: string;
  purpose?: string;
  mode: string;
  startsAt: string;
  endsAt: string;
  status: string;
  durationMinutes: number | null;
}

/** What an attendance may record (scheduling's ATTENDANCE_OUTCOMES: attended, or the contracts' not-attended ones). */
export const ATTENDANCE_OUTCOMES = ['attended', ...NOT_ATTENDED_OUTCOMES] as const;
export const BOOK_FORM_FIELDS = ['slotId', 'purpose', 'mode'] as const;
export const ATTENDANCE_FORM_FIELDS = ['outcome', 'durationMinutes'] as const;

const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
/** "Thu 3 Dec 2026, 09:00 to 09:15" in Europe/London, the diary's own time zone. */
export const slotTime = (startsAt: string, endsAt: string): string => `${WHEN.format(new Date(startsAt))} to ${TIME.format(new Date(endsAt))}`;

/** Words for the embargo a slot was held back with (it is listed because it has opened). */
export const embargoWords = (embargo: string): string =>
  embargo === 'same-day' ? 'Same-day slot (opened this morning)' : embargo === '48-hours' ? 'Quick-access slot (opened 48 hours ahead)' : 'Open';


function useFreeSlots(who: SessionUser): { slots: FreeSlot[] | null; problem: Problem | null } {
  const [slots, setSlots] = useState<FreeSlot[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api<{ items: FreeSlot[] }>(`/api/scheduling/slots?organisation=${encodeURIComponent(who.org)}&pageSize=100`)
      .then((answer) => setSlots(answer.body.items))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setProblem(error.problem);
        else throw error;
      });
  }, [who.org]);
  return { slots, problem };
}

/** The organisation's diary: every bookable slot of the next 28 days (scheduling `GET /slots`). */
export function DiaryPage({ who }: { who: SessionUser }) {
  const { slots, problem } = useFreeSlots(who);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!slots) return <p>Loading…</p>;
  return (
    <>
      <h1>Diary: free slots</h1>
      <p className="nhsuk-hint">
        Bookable slots of {who.org} in the next 28 days, Europe/London time. Slots held back for quick access (same-day or 48-hour embargoes) are listed only once
        they open. To book, open the patient’s journey and choose “Book an appointment”.
      </p>
      {slots.length === 0 ? <p>No free slots.</p> : <SlotsTable slots={slots} />}
    </>
  );
}

function SlotsTable({ slots }: { slots: FreeSlot[] }) {
  return (
    <table className="nhsuk-table" data-testid="free-slots">
      <caption className="nhsuk-table__caption">Free slots</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">When</th>
          <th scope="col" className="nhsuk-table__header">Clinician</th>
          <th scope="col" className="nhsuk-table__header">How</th>
          <th scope="col" className="nhsuk-table__header">Site</th>
          <th scope="col" className="nhsuk-table__header">Embargo</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {slots.map((slot) => (
          <tr className="nhsuk-table__row" key={slot.id}>
            <td className="nhsuk-table__cell">{slotTime(slot.startsAt, slot.endsAt)}</td>
            <td className="nhsuk-table__cell">
              {label(slot.clinicianRole)} ({slot.languages.join(', ')})
            </td>
            <td className="nhsuk-table__cell">{slot.modes.map(label).join(', ')}</td>
            <td className="nhsuk-table__cell">{slot.site}</td>
            <td className="nhsuk-table__cell">{embargoWords(slot.embargo)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Book the patient's episode into one of the organisation's free slots (scheduling `POST /appointments`). */
export function BookPage({ who, patientId, episodeId }: { who: SessionUser; patientId: string; episodeId: string }) {
  const { slots, problem } = useFreeSlots(who);
  const [slotId, setSlotId] = useState<string[]>([]);
  const [purpose, setPurpose] = useState<string>('assessment');
  const [mode, setMode] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const [sending, setSending] = useState(false);
  // One key per booking attempt on this page: a retry after a lost answer books once.
  const idempotencyKey = useRef(crypto.randomUUID());
  const patient = encodeURIComponent(patientId);

  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!slots) return <p>Loading…</p>;
  const chosen = slots.find((s) => s.id === slotId[0]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const own: FieldErrors = {};
    if (!chosen) own['slotId'] = 'Choose a slot';
    if (chosen && !chosen.modes.includes(mode[0] ?? '')) own['mode'] = 'Choose how you will meet';
    if (Object.keys(own).length > 0) {
      setErrors(own);
      setSummary(errorSummaryOf({ title: 'There is a problem', status: 400, errors: Object.entries(own).map(([field, text]) => ({ field, messages: [text as string] })) }, BOOK_FORM_FIELDS));
      return;
    }
    setSending(true);
    try {
      const booked = await api<Appointment>('/api/scheduling/appointments', {
        method: 'POST',
        idempotencyKey: idempotencyKey.current,
        body: { patientSubjectId: patientId, episodeId, slotId: slotId[0], purpose, mode: mode[0] },
      });
      navigate(`/patients/${patient}/appointments?booked=${encodeURIComponent(booked.body.id)}`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      // A refused booking wrote nothing: the next attempt is a new command.
      idempotencyKey.current = crypto.randomUUID();
      setErrors(fieldErrorsOf(error.problem));
      setSummary(errorSummaryOf(error.problem, BOOK_FORM_FIELDS));
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <ErrorSummary summary={summary} />
      <h1>Book an appointment</h1>
      <p>
        <Link to={`/patients/${patient}/journey`}>Back to the patient’s journey</Link>
      </p>
      {slots.length === 0 ? (
        <p>No free slots in {who.org}’s diary in the next 28 days.</p>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <ChoiceField
            kind="radios"
            field="slotId"
            label="Free slot"
            hint="Europe/London time. Slots held back for quick access appear once they open."
            errors={errors}
            options={slots.map((s) => ({ value: s.id, text: `${slotTime(s.startsAt, s.endsAt)}, ${label(s.clinicianRole)}, ${s.site}${s.embargo === 'none' ? '' : ` (${embargoWords(s.embargo)})`}` }))}
            selected={slotId}
            onChange={(v) => {
              setSlotId(v);
              const slot = slots.find((s) => s.id === v[0]);
              if (slot?.modes.length === 1) setMode([slot.modes[0] as string]);
            }}
          />
          <ChoiceField
            kind="radios"
            inline
            field="mode"
            label="How you will meet"
            errors={errors}
            options={APPOINTMENT_MODES.filter((m) => !chosen || chosen.modes.includes(m)).map((m) => ({ value: m, text: label(m) }))}
            selected={mode}
            onChange={setMode}
          />
          <SelectField
            field="purpose"
            label="Purpose"
            hint="Treatment and assessment-and-treatment stop the referral’s waiting clock"
            value={purpose}
            onChange={setPurpose}
            errors={errors}
            options={APPOINTMENT_PURPOSES.filter((p) => !chosen || chosen.purposes.includes(p)).map((p) => ({ value: p, text: label(p) }))}
          />
          <button className="nhsuk-button" type="submit" disabled={sending}>
            Book appointment
          </button>
        </form>
      )}
    </>
  );
}

/** The patient's appointments (scheduling `GET /patients/{id}/appointments`) and recording attendance. */
export function AppointmentsPage({ patientId, notFound }: { patientId: string; notFound: () => void }) {
  const [appointments, setAppointments] = useState<Appointment[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [recording, setRecording] = useState<Appointment | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const booked = new URLSearchParams(window.location.search).get('booked');
  const patient = encodeURIComponent(patientId);

  const load = useCallback(() => {
    api<{ items: Appointment[] }>(`/api/scheduling/patients/${patient}/appointments?pageSize=100`)
      .then((answer) => setAppointments([...answer.body.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt))))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if ([400, 404].includes(error.problem.status)) notFound();
        else setProblem(error.problem);
      });
  }, [patient, notFound]);
  useEffect(load, [load]);

  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!appointments) return <p>Loading…</p>;
  return (
    <>
      {booked && !done ? <Information>Appointment booked.</Information> : null}
      {done ? <Information>{done}</Information> : null}
      <h1>Appointments</h1>
      <p>
        <Link to={`/patients/${patient}/journey`}>Back to the patient’s journey</Link>
      </p>
      {appointments.length === 0 ? (
        <p>No appointments.</p>
      ) : (
        <table className="nhsuk-table" data-testid="appointments">
          <caption className="nhsuk-table__caption">Appointments, Europe/London time</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">When</th>
              <th scope="col" className="nhsuk-table__header">How</th>
              <th scope="col" className="nhsuk-table__header">Purpose</th>
              <th scope="col" className="nhsuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {appointments.map((a, i) => (
              <tr className="nhsuk-table__row" key={a.id}>
                <td className="nhsuk-table__cell">{slotTime(a.startsAt, a.endsAt)}</td>
                <td className="nhsuk-table__cell">{label(a.mode)}</td>
                <td className="nhsuk-table__cell">{a.purpose ? label(a.purpose) : 'Not shown'}</td>
                <td className="nhsuk-table__cell">
                  {label(a.status)}
                  {a.durationMinutes ? ` (${a.durationMinutes} minutes)` : ''}
                  {a.status === 'booked' ? (
                    <>
                      {' '}
                      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onClick={() => (setDone(null), setRecording(a))}>
                        Record attendance for appointment {i + 1}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recording ? (
        <AttendanceForm
          key={recording.id}
          appointment={recording}
          number={appointments.indexOf(recording) + 1}
          onDone={(changed) => {
            setAppointments((current) => (current ?? []).map((a) => (a.id === changed.id ? changed : a)));
            setRecording(null);
            setDone(`Attendance recorded: ${label(changed.status)}.`);
          }}
        />
      ) : null}
    </>
  );
}

/** What the attendance form checks before sending: an outcome, and for "attended" the minutes as a whole number. */
export function checkAttendance(outcome: string | undefined, minutes: string): FieldErrors {
  if (!outcome) return { outcome: 'Choose what happened' };
  if (outcome === 'attended' && !/^\d+$/.test(minutes.trim())) return { durationMinutes: 'Enter the minutes seen, as a whole number, for example 50' };
  if (outcome === 'attended' && Number(minutes.trim()) < 1) return { durationMinutes: 'Minutes seen must be 1 or more' };
  return {};
}

function AttendanceForm({ appointment, number, onDone }: { appointment: Appointment; number: number; onDone: (changed: Appointment) => void }) {
  const [outcome, setOutcome] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    // The form's own checks (the service decides the rest, e.g. the longest duration, and its problem is shown).
    const own = checkAttendance(outcome[0], minutes);
    if (Object.keys(own).length > 0) {
      setErrors(own);
      setSummary(errorSummaryOf({ title: 'There is a problem', status: 400, errors: Object.entries(own).map(([field, text]) => ({ field, messages: [text as string] })) }, ATTENDANCE_FORM_FIELDS));
      return;
    }
    try {
      // The appointment's current version, so that a colleague's change in between is a 412 explained, not overwritten.
      const current = await api<Appointment>(`/api/scheduling/appointments/${encodeURIComponent(appointment.id)}`);
      const duration = minutes.trim() === '' ? undefined : Number(minutes.trim());
      const answer = await api<Appointment>(`/api/scheduling/appointments/${encodeURIComponent(appointment.id)}/attendance`, {
        method: 'POST',
        ifMatch: current.etag,
        body: { outcome: outcome[0], ...(duration === undefined || outcome[0] !== 'attended' ? {} : { durationMinutes: duration }) },
      });
      onDone(answer.body);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(fieldErrorsOf(error.problem));
      setSummary(errorSummaryOf(error.problem, ATTENDANCE_FORM_FIELDS));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="attendance-heading">
      <ErrorSummary summary={summary} />
      <h2 id="attendance-heading" tabIndex={-1} ref={heading}>
        Record attendance for appointment {number}
      </h2>
      <ChoiceField kind="radios" field="outcome" label="What happened" errors={errors} options={ATTENDANCE_OUTCOMES.map((o) => ({ value: o, text: label(o) }))} selected={outcome} onChange={setOutcome} />
      <TextField field="durationMinutes" label="Minutes seen" hint="Needed when the person attended" width={10} inputMode="numeric" value={minutes} onChange={setMinutes} errors={errors} />
      <button className="nhsuk-button" type="submit">
        Save attendance
      </button>
    </form>
  );
}
