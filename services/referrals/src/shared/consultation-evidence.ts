import { Injectable } from '@nestjs/common';
import { ProblemException } from '@stepwell/http';
import { KnownConsultations } from './known-consultations';
import { KnownMdtCases } from './known-mdt-cases';

/**
 * A step change's `consultationId` evidence must name a consultation referrals knows of, about the episode's own
 * patient (issue 16 item 5; hazard H-CB3): otherwise 422 naming `consultationId`, before anything is written. A
 * mistyped or another person's consultation would otherwise stand in the journey as the reason for a move.
 */
@Injectable()
export class ConsultationEvidence {
  constructor(
    private readonly known: KnownConsultations,
    private readonly mdtCases: KnownMdtCases,
  ) {}

  async assertKnown(consultationId: string | null | undefined, patientSubjectId: string): Promise<void> {
    const id = consultationId?.trim();
    if (!id) return;
    if (await this.known.isKnownFor(id, patientSubjectId)) return;
    throw new ProblemException(
      422,
      'unknown-consultation',
      'The consultation named is not known for this patient',
      'consultationId must name a consultation about this patient that the referrals service knows of.',
      { errors: [{ field: 'consultationId', messages: ['consultationId must name a known consultation about this patient'] }] },
    );
  }

  /**
   * An MDT case named as evidence (issue 16 item 6) must be one referrals knows of (from the consultations service's
   * MDT decision events), about the episode's own patient: otherwise 422 naming `mdtCaseId`, before anything is written.
   */
  async assertKnownMdtCase(mdtCaseId: string | null | undefined, patientSubjectId: string): Promise<void> {
    const id = mdtCaseId?.trim();
    if (!id) return;
    if (await this.mdtCases.isKnownFor(id, patientSubjectId)) return;
    throw new ProblemException(
      422,
      'unknown-mdt-case',
      'The MDT case named is not known for this patient',
      'mdtCaseId must name an MDT case discussion about this patient that the referrals service knows of.',
      { errors: [{ field: 'mdtCaseId', messages: ['mdtCaseId must name a known MDT case about this patient'] }] },
    );
  }
}
