import { Injectable } from '@nestjs/common';
import type { MdtCaseDiscussedV1, MdtReferralRequestedV1, MdtStepChangeProposedV1 } from '@stepwell/contracts';
import { DataSource, type EntityManager } from 'typeorm';

const CASES = '"referrals"."known_mdt_cases"';

/** An MDT case about a person as referrals knows it (issue 16 item 6: the journey lists it with the referrals it made). */
export interface KnownMdtCase {
  caseId: string;
  meetingId: string;
  hostOrganisationId: string;
  presentingOrganisationId: string;
  decision: string;
  decidedAt: string;
  /** The referral request's recognised reason consent was not needed (hazard H-MR2), and to whom it was addressed; null otherwise. */
  consentNotNeeded: { because: string; receivingOrganisationId: string } | null;
}

type Decision = Pick<MdtCaseDiscussedV1, 'meetingId' | 'caseId' | 'hostOrganisationId' | 'presentingOrganisationId'> & { decision: string; decidedAt: string };

/**
 * What referrals knows of MDT case discussions (issue 16 item 6), as `KnownConsultations` does of consultations: the
 * case (ids, organisations, the patient's subject id, the coded decision — never the question or the summary) and
 * the referral request or step-change proposal its decision made. Written by the consultations consumer inside its
 * inbox transaction (`manager`): each message once, and each upsert commutes, so the two may arrive in either order.
 */
@Injectable()
export class KnownMdtCases {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Any discussion about the person (`mdt-case-discussed`), whatever its decision: the case is a contact with them
   * (the retention check reads `decided_at`, hazard H-RT2). Its referral request or proposal, if any, arrives apart.
   */
  async recordDiscussed(manager: EntityManager, patientSubjectId: string | null, discussed: MdtCaseDiscussedV1): Promise<void> {
    await this.record(manager, patientSubjectId, { ...discussed, decidedAt: discussed.discussedAt }, null, null);
  }

  async recordReferralRequest(manager: EntityManager, patientSubjectId: string | null, request: MdtReferralRequestedV1): Promise<void> {
    await this.record(manager, patientSubjectId, { ...request, decidedAt: request.requestedAt }, 'referral_request', request);
  }

  async recordProposal(manager: EntityManager, patientSubjectId: string | null, proposal: MdtStepChangeProposedV1): Promise<void> {
    await this.record(manager, patientSubjectId, { ...proposal, decision: 'step-change', decidedAt: proposal.proposedAt }, 'step_change_proposal', proposal);
  }

  /** True when referrals knows the MDT case and it is about this person (an anonymous case is about nobody). */
  async isKnownFor(caseId: string, patientSubjectId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM ${CASES} WHERE case_id = $1 AND patient_subject_id = $2`, [caseId, patientSubjectId]);
    return rows.length > 0;
  }

  /** The MDT cases about the person (ids, organisations, decision, time: never text), oldest decision first. */
  async ofPatient(patientSubjectId: string): Promise<KnownMdtCase[]> {
    const rows: Array<{
      case_id: string;
      meeting_id: string;
      host_organisation_id: string;
      presenting_organisation_id: string;
      decision: string;
      decided_at: Date;
      consent_not_needed_because: string | null;
      receiving_organisation_id: string | null;
    }> = await this.dataSource.query(
      `SELECT case_id, meeting_id, host_organisation_id, presenting_organisation_id, decision, decided_at,
              referral_request->>'consentNotNeededBecause' AS consent_not_needed_because, referral_request->>'receivingOrganisationId' AS receiving_organisation_id
         FROM ${CASES}
        WHERE patient_subject_id = $1 ORDER BY decided_at, case_id`,
      [patientSubjectId],
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      meetingId: row.meeting_id,
      hostOrganisationId: row.host_organisation_id,
      presentingOrganisationId: row.presenting_organisation_id,
      decision: row.decision,
      decidedAt: row.decided_at.toISOString(),
      consentNotNeeded:
        row.consent_not_needed_because !== null && row.receiving_organisation_id !== null ? { because: row.consent_not_needed_because, receivingOrganisationId: row.receiving_organisation_id } : null,
    }));
  }

  private async record(manager: EntityManager, patientSubjectId: string | null, d: Decision, column: 'referral_request' | 'step_change_proposal' | null, request: object | null): Promise<void> {
    // The discussion itself carries no request: only the case row (and the patient, if not yet known) is kept.
    const requestColumn = column ?? 'referral_request';
    const onConflict = column === null ? '' : `, ${column} = EXCLUDED.${column}`;
    await manager.query(
      `INSERT INTO ${CASES} AS t (case_id, meeting_id, host_organisation_id, presenting_organisation_id, patient_subject_id, decision, decided_at, ${requestColumn})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id) DO UPDATE SET
         patient_subject_id = COALESCE(t.patient_subject_id, EXCLUDED.patient_subject_id)${onConflict}`,
      [d.caseId, d.meetingId, d.hostOrganisationId, d.presentingOrganisationId, patientSubjectId, d.decision, d.decidedAt, request === null ? null : JSON.stringify(request)],
    );
  }
}
