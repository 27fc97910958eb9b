import type { CareStep, ReferralConsentObtainedBy, ReferralUrgency } from '@stepwell/contracts';
import type { AttendeeRole, CallMode, ConsentNotNeededReason, ConsultationMode, ConsultationOutcome, ConsultationStatus, ConsultationUrgency, Specialism } from './vocabulary';

/** Who did something: the verified user and the organisation they acted for. */
export interface Party {
  userId: string;
  organisationId: string;
}

/**
 * Whom the consultation is about. Identified: the person's opaque subject id, with the consent to ask recorded or the
 * reason it was not needed. Anonymous: a case described without identifying anyone (nothing links it to a person).
 */
export type ConsultationSubject =
  | { kind: 'identified'; patientSubjectId: string; consent: { recorded: true } | { recorded: false; notNeededBecause: ConsentNotNeededReason } }
  | { kind: 'anonymous' };

/** What the requester shares with the specialist (only this: the consulting service sees nothing else). */
export interface SharedContext {
  history: string;
  currentAndPastTreatment: string;
  medication: string;
  risk: string;
}

export interface ConsultationRequestFacts {
  consultationId: string;
  requestingOrganisationId: string;
  requestedBy: string;
  consultationServiceId: string;
  subject: ConsultationSubject;
  question: string;
  context: SharedContext;
  /** Ids of outcome series or measures the requester shares (references, never copied values or free text). */
  sharedMeasureIds: string[];
  urgency: ConsultationUrgency;
  preferredMode: ConsultationMode;
  /** The working days the due time was counted with (1 for urgent, the offering's target for routine). */
  responseTargetWorkingDays: number;
  requestedAt: string;
  dueAt: string;
}

/** A structured case formulation (the "5 Ps"-style headings a psychotherapy consultation writes). */
export interface Formulation {
  presentingDifficulties: string;
  historyAndContext: string;
  maintainingFactors: string;
  strengths: string;
  risk: string;
  narrative: string;
}

/** The three risk questions of every referral, answered yes or no by the specialist (hazard H-CB1). */
export interface ReferralRiskAnswers {
  selfHarm: boolean;
  suicidalThoughts: boolean;
  harmToOthers: boolean;
}

/** The specialist's confirmation that the person agreed to be referred: who obtained it and when. */
export interface ReferralConsentConfirmation {
  personConsented: true;
  obtainedBy: ReferralConsentObtainedBy;
  obtainedAt: string;
}

/**
 * The referral an outcome asks the referrals service to create (identified patients only). `riskIndicators`,
 * `presentingProblems` and `consent` are what the referral intake needs (hazard H-CB1): required for every outcome
 * that refers the person elsewhere since the v2 contract; absent on answers recorded before it (those publish v1
 * only, and referrals keeps them without creating a referral).
 */
export interface ReferralRequest {
  referralRequestId: string;
  receivingOrganisationId: string;
  targetStep: CareStep;
  urgency: ReferralUrgency;
  riskIndicators?: ReferralRiskAnswers;
  presentingProblems?: string[];
  consent?: ReferralConsentConfirmation;
}

/** What the answering specialist supplies for a referral (each intake answer possibly missing: the decider names it). */
export interface ReferralRequestInput {
  referralRequestId: string;
  receivingOrganisationId: string;
  targetStep: CareStep;
  urgency: ReferralUrgency;
  riskIndicators?: { [K in keyof ReferralRiskAnswers]?: boolean | null } | null;
  presentingProblems?: string[] | null;
  consent?: { personConsented?: boolean | null; obtainedBy?: ReferralConsentObtainedBy | null; obtainedAt?: string | null } | null;
}

/** The step change an outcome proposes to the organisation providing an existing episode. */
export interface StepChangeProposal {
  proposalId: string;
  episodeId: string;
  providingOrganisationId: string;
  proposedStep: CareStep;
}

export interface ConsultationAnswer {
  formulation: Formulation;
  advice: string;
  outcome: ConsultationOutcome;
  referral: ReferralRequest | null;
  stepChange: StepChangeProposal | null;
  /** The answering specialist's specialism (metrics by specialism); absent on answers recorded before it was asked. */
  specialism?: Specialism;
  answeredBy: string;
  answeredAt: string;
}

export type ThreadEntry =
  | { kind: 'message'; id: string; by: Party; at: string; text: string }
  | { kind: 'information-requested'; id: string; by: Party; at: string; text: string }
  | { kind: 'information-provided'; id: string; by: Party; at: string; text: string };

/** A call or joint appointment booked on a consultation: when, how and who attends. */
export interface BookedCall {
  id: string;
  startsAt: string;
  mode: CallMode;
  attendees: Array<{ role: AttendeeRole; organisationId: string | null; userId: string | null }>;
  bookedBy: Party;
}

export type ConsultationState =
  | { status: 'None' }
  | {
      status: ConsultationStatus;
      request: ConsultationRequestFacts;
      /** The specialist (user id of the consultation service) who holds it. */
      assignedTo: string | null;
      answer: ConsultationAnswer | null;
      rating: { usefulness: number; comment: string | null } | null;
      /** The due time passed before an answer (recorded once by the breach check). */
      breached: boolean;
      redirectedTo: string | null;
      endReason: string | null;
      thread: ThreadEntry[];
      calls: BookedCall[];
    };

type Cmd<T extends string, D> = { type: T; by: Party; at: string } & D;

export type RequestConsultation = Cmd<'RequestConsultation', { request: ConsultationRequestFacts; offeredModes: readonly ConsultationMode[] }>;
export type AcceptConsultation = Cmd<'AcceptConsultation', { assignTo: string | null; reason: string | null }>;
export type AssignConsultation = Cmd<'AssignConsultation', { assignTo: string; reason: string | null }>;
export type RequestInformation = Cmd<'RequestInformation', { entryId: string; question: string }>;
export type ProvideInformation = Cmd<'ProvideInformation', { entryId: string; text: string }>;
export type AnswerConsultation = Cmd<
  'AnswerConsultation',
  { formulation: Formulation; advice: string; outcome: ConsultationOutcome; referral: ReferralRequestInput | null; stepChange: StepChangeProposal | null; specialism?: Specialism | null;
    /** The answering service's published specialist pool (its offering); the answer's specialism must be in it. Null: the service publishes none. */
    specialistPool?: readonly Specialism[] | null }
>;
export type CloseConsultation = Cmd<'CloseConsultation', { reason: string | null }>;
export type RedirectConsultation = Cmd<'RedirectConsultation', { toServiceId: string; reason: string }>;
export type DeclineConsultation = Cmd<'DeclineConsultation', { reason: string }>;
export type PostMessage = Cmd<'PostMessage', { entryId: string; text: string }>;
export type RateAdvice = Cmd<'RateAdvice', { usefulness: number; comment: string | null }>;
export type BookCall = Cmd<'BookCall', Omit<BookedCall, 'bookedBy'>>;
export type RecordResponseBreach = Cmd<'RecordResponseBreach', Record<never, never>>;

export type ConsultationCommand =
  | RequestConsultation
  | AcceptConsultation
  | AssignConsultation
  | RequestInformation
  | ProvideInformation
  | AnswerConsultation
  | CloseConsultation
  | RedirectConsultation
  | DeclineConsultation
  | PostMessage
  | RateAdvice
  | BookCall
  | RecordResponseBreach;

type Evt<T extends string, D> = { type: T; data: { consultationId: string; by: Party; at: string } & D };

export type ConsultationRequested = { type: 'ConsultationRequested'; data: ConsultationRequestFacts };
export type ConsultationAccepted = Evt<'ConsultationAccepted', { assignedTo: string | null; reason: string | null }>;
export type ConsultationAssigned = Evt<'ConsultationAssigned', { assignedTo: string; previouslyAssignedTo: string | null; reason: string | null }>;
export type ConsultationInformationRequested = Evt<'ConsultationInformationRequested', { entryId: string; question: string }>;
export type ConsultationInformationProvided = Evt<'ConsultationInformationProvided', { entryId: string; text: string }>;
export type ConsultationAnswered = Evt<'ConsultationAnswered', Omit<ConsultationAnswer, 'answeredBy' | 'answeredAt'> & { requestingOrganisationId: string; consultationServiceId: string }>;
export type ConsultationClosed = Evt<'ConsultationClosed', { reason: string | null }>;
export type ConsultationRedirected = Evt<'ConsultationRedirected', { toServiceId: string; reason: string }>;
export type ConsultationDeclined = Evt<'ConsultationDeclined', { reason: string }>;
export type ConsultationMessagePosted = Evt<'ConsultationMessagePosted', { entryId: string; text: string }>;
export type ConsultationAdviceRated = Evt<'ConsultationAdviceRated', { usefulness: number; comment: string | null }>;
export type ConsultationCallBooked = Evt<'ConsultationCallBooked', Omit<BookedCall, 'bookedBy'>>;
export type ConsultationResponseBreached = Evt<'ConsultationResponseBreached', { dueAt: string; consultationServiceId: string }>;

export type ConsultationEvent =
  | ConsultationRequested
  | ConsultationAccepted
  | ConsultationAssigned
  | ConsultationInformationRequested
  | ConsultationInformationProvided
  | ConsultationAnswered
  | ConsultationClosed
  | ConsultationRedirected
  | ConsultationDeclined
  | ConsultationMessagePosted
  | ConsultationAdviceRated
  | ConsultationCallBooked
  | ConsultationResponseBreached;
