import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, pageEnvelope, pageOf } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { DAY_MS, freeSlots, type SlotView } from '../domain';
import type { FreeSlotPage } from './free-slot.view';
import type { FreeSlotsParams } from './free-slots.params';

/** Most slots one query considers: 28 days of a large practice's diaries. */
const MAX_CANDIDATES = 5000;

interface Row {
  slot_id: string;
  session_id: string;
  clinician_id: string;
  organisation_id: string;
  site_id: string;
  starts_at: Date;
  ends_at: Date;
  embargo: SlotView['embargo'];
  modes: SlotView['modes'];
  purposes: SlotView['purposes'];
  clinician_role: SlotView['clinicianRole'];
  clinician_languages: string[];
}

/**
 * Free slots: SQL narrows to open slots of the organisation in the window with the requested mode, purpose,
 * language and role; the domain's filter then applies the embargo rules at the current time.
 */
@Injectable()
export class FreeSlotsQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(params: FreeSlotsParams): Promise<FreeSlotPage> {
    const now = this.clock.now();
    const from = new Date(params.from ?? now).toISOString();
    const to = new Date(params.to ?? Date.parse(from) + 28 * DAY_MS).toISOString();
    const rows = (await this.dataSource.query(
      `SELECT slot_id, session_id, clinician_id, organisation_id, site_id, starts_at, ends_at, embargo, modes, purposes,
              clinician_role, clinician_languages
         FROM "scheduling"."slots"
        WHERE status = 'open' AND organisation_id = $1 AND starts_at >= $2 AND starts_at < $3
          AND ($4::text IS NULL OR $4 = ANY(modes)) AND ($5::text IS NULL OR $5 = ANY(purposes))
          AND ($6::text IS NULL OR $6 = ANY(clinician_languages)) AND ($7::text IS NULL OR clinician_role = $7)
        ORDER BY starts_at, slot_id LIMIT ${MAX_CANDIDATES}`,
      [params.organisation, from, to, params.mode ?? null, params.purpose ?? null, params.language ?? null, params.role ?? null],
    )) as Row[];
    const views: SlotView[] = rows.map((r) => ({
      slotId: r.slot_id,
      sessionId: r.session_id,
      clinicianId: r.clinician_id,
      organisationId: r.organisation_id,
      siteId: r.site_id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      embargo: r.embargo,
      modes: r.modes,
      purposes: r.purposes,
      clinicianRole: r.clinician_role,
      clinicianLanguages: r.clinician_languages,
      status: 'open',
    }));
    const free = freeSlots(views, { ...params, organisationId: params.organisation, from, to }, now);
    const page = pageOf(free, params);
    return pageEnvelope(
      page.items.map((s) => ({
        id: s.slotId,
        sessionId: s.sessionId,
        clinicianId: s.clinicianId,
        clinicianRole: s.clinicianRole,
        languages: s.clinicianLanguages,
        organisation: s.organisationId,
        site: s.siteId,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        embargo: s.embargo,
        modes: s.modes,
        purposes: s.purposes,
      })),
      params,
      page.total,
    );
  }
}
