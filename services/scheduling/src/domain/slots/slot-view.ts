import type { DiarySessionAddedData } from '../diary/diary.types';
import type { ClinicianRole } from '../vocabulary';
import type { SlotView } from './free-slots.filter';

/** What the free-slot read model knows about a clinician (from the clinicians read model). */
export interface ClinicianProfile {
  role: ClinicianRole;
  languages: readonly string[];
}

/** The open slot views a newly added diary session contributes to the free-slot read model. */
export function slotViewsOf(session: DiarySessionAddedData, clinician: ClinicianProfile): SlotView[] {
  return session.slots.map((slot) => ({
    slotId: slot.slotId,
    sessionId: session.sessionId,
    clinicianId: session.clinicianId,
    organisationId: session.organisationId,
    siteId: session.siteId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    embargo: session.embargo,
    modes: session.modes,
    purposes: session.purposes,
    clinicianRole: clinician.role,
    clinicianLanguages: clinician.languages,
    status: 'open',
  }));
}
