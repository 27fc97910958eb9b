import { Injectable } from '@nestjs/common';
import type { ConsultationOutcome, ConsultationReferralRequestedV1, ConsultationReferralRequestedV2, ConsultationStepChangeProposedV1, MdtStepChangeProposedV1 } from '@stepwell/contracts';
import type { Actor } from '@stepwell/event-store';
import { DataSource, type EntityManager } from 'typeorm';

const CONSULTATIONS = '"referrals"."known_consultations"';
const PROPOSALS = '"referrals"."step_change_proposals"';

export type ProposalStatus = 'proposed' | 'accepted' | 'rejected';

/**
 * A step change a consultation's outcome (or an MDT case's decision, issue 16 item 6) proposed, as the episode's
 * providing organisation sees it: exactly one of `consultationId` and `mdtCaseId` is its evidence.
 */
export interface StepChangeProposal {
  proposalId: string;
  consultationId: string | null;
  mdtCaseId: string | null;
  episodeId: string;
  providingOrganisationId: string;
  proposedStep: string;
  proposedAt: string;
  status: ProposalStatus;
  decidedAt: string | null;
  decidedBy: Actor | null;
  rejectionReason: string | null;
  stepChangeId: string | null;
}

interface ProposalRow {
  proposal_id: string;
  consultation_id: string | null;
  mdt_case_id: string | null;
  episode_id: string;
  providing_organisation_id: string;
  proposed_step: string;
  proposed_at: Date;
  status: ProposalStatus;
  decided_at: Date | null;
  decided_by: Actor | null;
  rejection_reason: string | null;
  step_change_id: string | null;
}

const toProposal = (row: ProposalRow): StepChangeProposal => ({
  proposalId: row.proposal_id,
  consultationId: row.consultation_id,
  mdtCaseId: row.mdt_case_id,
  episodeId: row.episode_id,
  providingOrganisationId: row.providing_organisation_id,
  proposedStep: row.proposed_step,
  proposedAt: row.proposed_at.toISOString(),
  status: row.status,
  decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
  decidedBy: row.decided_by,
  rejectionReason: row.rejection_reason,
  stepChangeId: row.step_change_id,
});

/** A consultation about a person as referrals knows it (issue 16: the journey lists it). */
export interface KnownConsultation {
  consultationId: string;
  requestingOrganisationId: string | null;
  consultationServiceId: string | null;
  requestedAt: string;
  outcome: string | null;
  answeredAt: string | null;
}

/**
 * What referrals knows of the consultations service's work (issue 16 item 5): consultations (ids, organisations,
 * the patient's subject id, the coded outcome — never the question or the advice), the referral requests their
 * outcomes made, and the step-change proposals awaiting the episode's providing organisation. Written by the
 * consultations consumer inside its inbox transaction (`manager`), so each message takes effect once; every upsert
 * commutes, so requested and answered may arrive in either order.
 */
@Injectable()
export class KnownConsultations {
  constructor(private readonly dataSource: DataSource) {}

  async recordRequested(
    manager: EntityManager,
    fact: { consultationId: string; requestingOrganisationId: string; consultationServiceId: string; patientSubjectId: string | null; requestedAt: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${CONSULTATIONS} AS t (consultation_id, requesting_organisation_id, consultation_service_id, patient_subject_id, requested_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consultation_id) DO UPDATE SET
         requesting_organisation_id = EXCLUDED.requesting_organisation_id,
         consultation_service_id = EXCLUDED.consultation_service_id,
         patient_subject_id = COALESCE(EXCLUDED.patient_subject_id, t.patient_subject_id),
         requested_at = EXCLUDED.requested_at`,
      [fact.consultationId, fact.requestingOrganisationId, fact.consultationServiceId, fact.patientSubjectId, fact.requestedAt],
    );
  }

  async recordAnswered(
    manager: EntityManager,
    fact: { consultationId: string; requestingOrganisationId: string; consultationServiceId: string; patientSubjectId: string | null; outcome: ConsultationOutcome; answeredAt: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${CONSULTATIONS} AS t (consultation_id, requesting_organisation_id, consultation_service_id, patient_subject_id, outcome, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consultation_id) DO UPDATE SET
         requesting_organisation_id = EXCLUDED.requesting_organisation_id,
         consultation_service_id = EXCLUDED.consultation_service_id,
         patient_subject_id = COALESCE(EXCLUDED.patient_subject_id, t.patient_subject_id),
         outcome = EXCLUDED.outcome,
         answered_at = EXCLUDED.answered_at`,
      [fact.consultationId, fact.requestingOrganisationId, fact.consultationServiceId, fact.patientSubjectId, fact.outcome, fact.answeredAt],
    );
  }

  /**
   * A referral request kept on its consultation (ids and codes only). v1 of the contract cannot become a referral
   * without inventing the risk answers, reason and consent a referral needs (README "Consultations"): recorded, not
   * acted on, until a contract carries them.
   */
  async recordReferralRequest(manager: EntityManager, patientSubjectId: string | null, request: ConsultationReferralRequestedV1 | ConsultationReferralRequestedV2): Promise<void> {
    await manager.query(
      `INSERT INTO ${CONSULTATIONS} AS t (consultation_id, requesting_organisation_id, patient_subject_id, referral_request)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (consultation_id) DO UPDATE SET
         patient_subject_id = COALESCE(t.patient_subject_id, EXCLUDED.patient_subject_id),
         referral_request = EXCLUDED.referral_request`,
      [request.consultationId, request.referringOrganisationId, patientSubjectId, JSON.stringify(request)],
    );
  }

  /** The consultations about the person (ids, organisations, times, outcome: never text), oldest first. */
  async ofPatient(patientSubjectId: string): Promise<KnownConsultation[]> {
    const rows: Array<{ consultation_id: string; requesting_organisation_id: string | null; consultation_service_id: string | null; requested_at: Date | null; outcome: string | null; answered_at: Date | null }> =
      await this.dataSource.query(
        `SELECT consultation_id, requesting_organisation_id, consultation_service_id, requested_at, outcome, answered_at FROM ${CONSULTATIONS}
         WHERE patient_subject_id = $1 AND requested_at IS NOT NULL ORDER BY requested_at, consultation_id`,
        [patientSubjectId],
      );
    return rows.map((row) => ({
      consultationId: row.consultation_id,
      requestingOrganisationId: row.requesting_organisation_id,
      consultationServiceId: row.consultation_service_id,
      requestedAt: (row.requested_at as Date).toISOString(),
      outcome: row.outcome,
      answeredAt: row.answered_at ? row.answered_at.toISOString() : null,
    }));
  }

  /** A proposal once: a redelivery (same proposal id) changes nothing, whatever was decided meanwhile. */
  async recordProposal(manager: EntityManager, patientSubjectId: string | null, proposal: ConsultationStepChangeProposedV1): Promise<void> {
    await manager.query(
      `INSERT INTO ${PROPOSALS} (proposal_id, consultation_id, episode_id, patient_subject_id, providing_organisation_id, proposed_step, proposed_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed')
       ON CONFLICT (proposal_id) DO NOTHING`,
      [proposal.proposalId, proposal.consultationId, proposal.episodeId, patientSubjectId, proposal.providingOrganisationId, proposal.proposedStep, proposal.proposedAt],
    );
  }

  /** An MDT decision's proposal (issue 16 item 6), the MDT case its evidence: once, as a consultation's. */
  async recordMdtProposal(manager: EntityManager, patientSubjectId: string | null, proposal: MdtStepChangeProposedV1): Promise<void> {
    await manager.query(
      `INSERT INTO ${PROPOSALS} (proposal_id, mdt_case_id, episode_id, patient_subject_id, providing_organisation_id, proposed_step, proposed_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed')
       ON CONFLICT (proposal_id) DO NOTHING`,
      [proposal.proposalId, proposal.caseId, proposal.episodeId, patientSubjectId, proposal.providingOrganisationId, proposal.proposedStep, proposal.proposedAt],
    );
  }

  /** True when referrals knows the consultation and it is about this person (an anonymous case is about nobody). */
  async isKnownFor(consultationId: string, patientSubjectId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ${CONSULTATIONS} WHERE consultation_id = $1 AND patient_subject_id = $2 AND requested_at IS NOT NULL`,
      [consultationId, patientSubjectId],
    );
    return rows.length > 0;
  }

  /** The proposals about an episode addressed to `organisationId`, oldest first. */
  async proposalsFor(episodeId: string, organisationId: string): Promise<StepChangeProposal[]> {
    const rows: ProposalRow[] = await this.dataSource.query(
      `SELECT * FROM ${PROPOSALS} WHERE episode_id = $1 AND providing_organisation_id = $2 ORDER BY proposed_at, proposal_id`,
      [episodeId, organisationId],
    );
    return rows.map(toProposal);
  }

  async proposal(episodeId: string, proposalId: string, organisationId: string): Promise<StepChangeProposal | null> {
    const rows: ProposalRow[] = await this.dataSource.query(
      `SELECT * FROM ${PROPOSALS} WHERE episode_id = $1 AND proposal_id = $2 AND providing_organisation_id = $3`,
      [episodeId, proposalId, organisationId],
    );
    return rows[0] ? toProposal(rows[0]) : null;
  }

  /** Records the decision once: false when the proposal was already decided (the caller compares). */
  async decide(
    proposalId: string,
    decision: { status: 'accepted' | 'rejected'; at: string; by: Actor; rejectionReason: string | null; stepChangeId: string | null },
  ): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE ${PROPOSALS} SET status = $2, decided_at = $3, decided_by = $4, rejection_reason = $5, step_change_id = $6
       WHERE proposal_id = $1 AND status = 'proposed' RETURNING proposal_id`,
      [proposalId, decision.status, decision.at, JSON.stringify(decision.by), decision.rejectionReason, decision.stepChangeId],
    );
    return rows.length > 0;
  }
}
