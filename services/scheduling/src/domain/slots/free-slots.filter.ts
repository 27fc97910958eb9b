import { instantMs, type Instant } from '../time/europe-london';
import type { AppointmentMode, AppointmentPurpose, ClinicianRole, Embargo } from '../vocabulary';
import { isBookable } from './slot-bookability';

/** A slot as the free-slot read model holds it: the diary's facts, the clinician's, and whether it is taken. */
export interface SlotView {
  slotId: string;
  sessionId: string;
  clinicianId: string;
  organisationId: string;
  siteId: string;
  startsAt: Instant;
  endsAt: Instant;
  embargo: Embargo;
  modes: readonly AppointmentMode[];
  purposes: readonly AppointmentPurpose[];
  clinicianRole: ClinicianRole;
  /** Languages the clinician consults in (ISO 639-1 codes such as `en`, `pl`, `ur`). */
  clinicianLanguages: readonly string[];
  /** `open`: nobody holds it. `booked`: an appointment holds it. `withdrawn`: its session was cancelled. */
  status: 'open' | 'booked' | 'withdrawn';
}

/** `GET /slots` filters; each one left out matches everything. `from` inclusive, `to` exclusive, on slot start. */
export interface FreeSlotQuery {
  organisationId?: string;
  from?: Instant;
  to?: Instant;
  mode?: AppointmentMode;
  purpose?: AppointmentPurpose;
  language?: string;
  role?: ClinicianRole;
}

/** The slots someone could book at `now` that match the query, earliest first. */
export function freeSlots(slots: readonly SlotView[], query: FreeSlotQuery, now: Instant): SlotView[] {
  const from = query.from === undefined ? -Infinity : instantMs(query.from, 'from');
  const to = query.to === undefined ? Infinity : instantMs(query.to, 'to');
  const language = query.language?.toLowerCase();
  return slots
    .filter(
      (slot) =>
        slot.status === 'open' &&
        (query.organisationId === undefined || slot.organisationId === query.organisationId) &&
        instantMs(slot.startsAt) >= from &&
        instantMs(slot.startsAt) < to &&
        (query.mode === undefined || slot.modes.includes(query.mode)) &&
        (query.purpose === undefined || slot.purposes.includes(query.purpose)) &&
        (language === undefined || slot.clinicianLanguages.some((l) => l.toLowerCase() === language)) &&
        (query.role === undefined || slot.clinicianRole === query.role) &&
        isBookable(slot, now),
    )
    .sort((a, b) => instantMs(a.startsAt) - instantMs(b.startsAt) || (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
}
