import type {
  CasenessRule,
  QuestionnaireCode,
  RiskSignalKind,
  SeverityBand,
} from '../questionnaires/questionnaire-definition';

/** One answer of a response: the item it answers and the score of the option chosen. */
export interface ItemAnswer {
  readonly linkId: string;
  readonly value: number;
}

/** An answer that must reach a clinician at once. */
export interface RiskSignal {
  readonly kind: RiskSignalKind;
  readonly linkId: string;
  readonly answer: number;
}

export interface CasenessVerdict {
  readonly atCaseness: boolean;
  readonly rule: CasenessRule;
}

export interface ScoredResponse {
  readonly code: QuestionnaireCode;
  readonly version: string;
  /** Answers in the questionnaire's item order. */
  readonly answers: readonly ItemAnswer[];
  /** Sum of the item scores (the raw total); null for a questionnaire reported item by item (ONS4). */
  readonly total: number | null;
  /** The published conversion of the raw total (SWEMWBS metric score), labelled; null where none applies. */
  readonly convertedScore: { readonly label: 'metric'; readonly value: number } | null;
  /** Items answered "does not apply" (WSAS item 1 "not working"): kept, left out of the total. */
  readonly notApplicableItems: readonly string[];
  /** Null where the questionnaire has no severity bands. */
  readonly band: SeverityBand | null;
  /** Null where the questionnaire has no caseness cut-off. */
  readonly caseness: CasenessVerdict | null;
  /** Empty unless an answer calls for a clinician's attention at once. */
  readonly riskSignals: readonly RiskSignal[];
}

export type InvalidResponseReason =
  | 'wrong-item-count'
  | 'unknown-item'
  | 'duplicate-item'
  | 'answer-out-of-range'
  | 'completed-after-recorded';
