import { BREAK_GLASS_ORGANISATION_TYPES } from '../break-glass/break-glass-policy';
import { ORGANISATION_TYPES, type OrganisationType, type Role } from '../principal/vocabulary';

/**
 * THE access policy: one table, read by the guard (`decideAccess`) and by the generated access matrix's oracle
 * (`testing/access-matrix`), and written out for people in this package's README. Change it here and there.
 *
 * A relationship is always *relative to a target* (a referral, an episode, or a patient as a whole) and always comes
 * from an integration event the other side cannot forge (see `from-integration-events.ts`); it is never asserted by
 * the caller (a referral names its receiving organisation, but that gives the *receiving* organisation access to
 * that referral, not the sender anything beyond what it sent).
 */
export const RELATIONSHIP_KINDS = [
  /** No relationship with the target: 404, exactly as for an id that does not exist. */
  'none',
  /** The organisation a referral was sent to (or referred on to): that referral only, until it accepts. */
  'receiving',
  /** The organisation that sent a referral: that referral, its status and decisions, the episode's status. */
  'referrer',
  /** Provides the episode's current step. */
  'provider-current',
  /** Provided a step of the episode (handed over or discharged) less than the retention period ago. */
  'provider-past',
  /** Provided a step, but ended more than the retention period ago: existence, dates and provider only. */
  'provider-expired',
  /**
   * Provides (current or past, not expired) ANOTHER episode of the same patient: the target's content only where the
   * patient consented to share (`consentToShare`), otherwise its existence, dates and provider.
   */
  'provider-other-episode',
  /** A voluntary-sector organisation the patient was socially prescribed to from this episode. */
  'voluntary-sector-prescription',
  /**
   * The organisation a service's own record names as holding it (`AccessTarget.holderOrganisationId`): an episode's
   * current provider in scheduling's waiting list or outcomes' episode read model (kept from the referrals service's
   * acceptance and step-change events), or an appointment's, follow-up task's or refill offer's organisation. It
   * owns that record's writes, nothing else.
   */
  'record-holder',
  /**
   * A patient-wide (unscoped) relationship row: scheduling's and outcomes' own consumers record the providing
   * organisation of the person's care patient-wide. It grants nothing of itself; the organisation already knows the
   * person, so a refusal is 403, not the stranger's 404.
   */
  'patient-care',
  /**
   * Every listing of the community services directory (directory service) for a directory administrator: the
   * directory holds no patient, so the relationship is the administration of the directory itself.
   */
  'directory-administration',
  /**
   * The caller's relationship rests on a self-referral whose person nobody has verified (hazard H-A1): its receiving
   * organisation, or the provider of the episode it opened, seen from the person as a whole. Towards its own referral
   * and episode the relationship counts as usual (receiving, provider-current, ...); towards the person's OTHER
   * referrals and episodes it is no relationship at all (404). Grants nothing; ends when the receiving organisation
   * records an identity verification (`referral.verify-identity`).
   */
  'unverified-self-referral',
  /**
   * The community organisation a social prescription's direct referral is addressed to (directory service, issue 17):
   * while it is asked to accept, and once it has accepted. Sees only what the person agreed to share
   * (`minimum-necessary`); a declined or auto-declined referral's organisation sees nothing any more.
   */
  'social-prescription-recipient',
  /**
   * Gap watch (issue 18): the caller's organisation is a commissioner. It sees aggregates of refusals and care
   * reached, never a person; no relationship row is involved (the organisation type is what grants).
   */
  'commissioning',
  /**
   * A national auditor (role `national-auditor`): the role is what grants, for any patient, with no relationship row
   * involved (as `directory-administration`); it grants only the oversight of the access trail (`patient.oversee`).
   */
  'national-oversight',
  // --- consultations (issue 16) ---
  /** The organisation that asked for a consultation (the consultation's own record names it): that consultation only. */
  'consultation-requester',
  /**
   * The consultation service asked (the consultation's own record names it): that consultation only, and of the
   * person only what the request shared (the question, context and measure references it carries) — nothing else.
   */
  'consulting',
  // --- end consultations ---
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

/** What a route does. Each `@PatientAccess` route names exactly one. */
export const ACCESS_ACTIONS = [
  'referral.read',
  'referral.triage',
  'referral.withdraw',
  /** Supply the answers an incomplete referral lacks (issue 12 item 9): the referrer, or the receiving organisation before triage. */
  'referral.complete',
  /** Record that the person a self-referral names is who they say (hazard H-A1): the receiving organisation. */
  'referral.verify-identity',
  'episode.read',
  /** Opt-in, waiting-time pauses: administrative facts of the providing organisation. */
  'episode.administer',
  /** Step changes, discharge, the problem descriptor: clinical decisions of the providing organisation. */
  'episode.decide',
  'patient.episodes',
  'patient.journey',
  /** Book an appointment or a group place into an episode (scheduling): the episode's current provider. */
  'episode.book',
  /** Record a questionnaire response or measure, invite the person to one, set the problem descriptor (outcomes). */
  'episode.record-outcome',
  /** Change a record the organisation holds: cancel, reschedule, attendance, a follow-up task, a refill offer (scheduling). */
  'record.change',
  /**
   * Read one record a service keeps of an episode (scheduling: an appointment, follow-up task, refill offer,
   * waiting-list entry, engagement review; outcomes: a questionnaire response, an episode's outcome, a risk alert).
   */
  'record.read',
  /** A patient's records in a service as a whole (scheduling: their appointments; outcomes: their measure series). */
  'patient.records',
  /** Acknowledge (close) a risk alert: the organisation it is addressed to (outcomes). */
  'risk-alert.acknowledge',
  /** Create or change a listing of the community services directory (organisation, service, location, taxonomy). */
  'directory.edit',
  /**
   * Erase the person's personal data by shredding their keys (issue 15): the privacy officer of an organisation that
   * received their referral or provides (or provided) their care, with a lawful basis; and follow that erasure's
   * confirmations (which services shredded, which are awaited).
   */
  'patient.erase',
  /**
   * The person's record retention (issue 15 item 3): date of death, legal holds, the review at the end of the period.
   * The privacy officer of an organisation that received their referral or provides (provided) their care — also long
   * after the provider's clinical access expired, which is when retention falls due.
   */
  'patient.retention',
  /**
   * Read and record the person's national data opt-out (issue 15 item 5): clinicians, admins and referrers of an
   * organisation that received or sent their referral or provides (provided) their care (the person often tells their
   * GP practice, whose staff hold the referrer role).
   */
  'patient.national-data-opt-out',
  /**
   * A copy of everything a service holds about the person, for their subject access request (UK GDPR Art. 15; issue 15
   * item 4): the privacy officer of an organisation that received their referral or provides (provided) their care —
   * also after its clinical access expired, since it still holds the record the person has a right to see.
   */
  'patient.subject-access',
  /**
   * Read and record the person's consents (issue 15 item 5): to share with named organisations or organisation types
   * (a withdrawal ends those organisations' `SHARING_CONSENT_KINDS`), and to be contacted by SMS or email. The same
   * people as the national data opt-out.
   */
  'patient.consents',
  /** Read a social prescription (directory service): its link worker's organisation in full, the community organisation its minimum-necessary view. */
  'social-prescription.read',
  /** The link worker's organisation works the prescription: the conversation, direct referrals, the follow-up measure. */
  'social-prescription.manage',
  /** The community organisation answers a direct referral: accept or decline. */
  'social-prescription.respond',
  /** Waiting, started, sessions attended or missed, completed, dropped out, goal progress: either side. */
  'social-prescription.record-progress',
  /**
   * Oversight of the person's record (`GET /patients/{id}/access-log`, the case history `GET /audit/patients/{id}/events`
   * of @stepwell/transparency, both through `AccessLog.oversee`): the `auditor` (privacy officer reviewing access) of an
   * organisation in the person's care, whatever its relationship's kind, or a `national-auditor`. Refused: 403.
   */
  'patient.oversee',
  // Gap watch (issue 18).
  /** Read a person's care-seeking thread (every refusal, by whom, why, what was suggested): the referring organisation. */
  'care-thread.read',
  /** Close a care-seeking thread with a reason (managed in primary care, patient declined, moved away, died): the referring organisation. */
  'care-thread.close',
  /** The commissioner's aggregate gap metrics (refusals, care reached, bounces): no person in the answer. */
  'metrics.gaps',
  // --- consultations (issue 16) ---
  /** Read a consultation (request, thread, answer): its two parties. */
  'consultation.read',
  /** The requester's steps on its consultation: provide information asked for, post to the thread, rate the advice, close it. */
  'consultation.follow-up',
  /** The consultation service's steps: accept, assign, ask for information, post to the thread, redirect, decline, close. */
  'consultation.work',
  /** Give the specialist's formulation, advice and coded outcome: the consultation service's clinicians. */
  'consultation.answer',
  /**
   * Ask a consultation service about an identified patient (hazard H-CN1): an organisation in the person's care —
   * it referred them, received their referral, or provides or provided a step of their care.
   */
  'consultation.request',
  // --- end consultations ---
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const WRITE_ACTIONS: readonly AccessAction[] = [
  'referral.triage',
  'referral.withdraw',
  'referral.complete',
  'referral.verify-identity',
  'episode.administer',
  'episode.decide',
  'episode.book',
  'episode.record-outcome',
  'record.change',
  'risk-alert.acknowledge',
  'directory.edit',
  'patient.erase',
  'patient.retention',
  'patient.national-data-opt-out',
  'patient.consents',
  'social-prescription.manage',
  'social-prescription.respond',
  'social-prescription.record-progress',
  'care-thread.close',
  // --- consultations (issue 16) ---
  'consultation.follow-up',
  'consultation.work',
  'consultation.answer',
  'consultation.request',
  // --- end consultations ---
];
export const isWriteAction = (action: AccessAction): boolean => WRITE_ACTIONS.includes(action);

/**
 * `full`: every field (then cut by the organisation type's `@Visibility`); `summary`: existence, dates, provider;
 * `minimum-necessary`: only the fields `MINIMUM_NECESSARY_FIELDS` lists for the route's resource (none listed: nothing is sent).
 */
export type AccessView = 'full' | 'summary' | 'minimum-necessary';

export interface Grant {
  roles: readonly Role[];
  view: AccessView;
  /** Only while the referral awaits triage. */
  onlyBeforeTriage?: boolean;
  /** Only where the patient consented to share the target; without consent the grant becomes `withoutConsent`. */
  needsConsent?: { withoutConsent: AccessView | null };
}

export interface RelationshipPolicy {
  /** How it starts: the integration event(s), never the caller's own say-so. */
  startsWith: string;
  /** How it ends. */
  endsWhen: string;
  /** Organisation types this kind grants anything to (others: 403). */
  organisationTypes: readonly OrganisationType[];
  grants: Partial<Record<AccessAction, Grant>>;
}

/** Organisation types that give direct care. */
export const DIRECT_CARE_ORGANISATION_TYPES: readonly OrganisationType[] = [
  'gp-practice',
  'talking-therapies',
  'psychotherapy-consultation',
  'secondary-care',
  'crisis-team',
];

const READERS: readonly Role[] = ['clinician', 'admin', 'referrer'];
const CLINICIAN_OR_ADMIN: readonly Role[] = ['clinician', 'admin'];
const CLINICIAN: readonly Role[] = ['clinician'];
/** Who reads a record their organisation holds: its staff who work it (a link worker its own diary; duty clinicians and leads its alerts). */
const HOLDER_READERS: readonly Role[] = ['clinician', 'admin', 'link-worker', 'duty-clinician', 'clinical-lead'];
/** Who works risk alerts: the named clinician, the duty clinician, the clinical lead (outcomes' RISK_ALERT_ROLES). */
const ALERT_ROLES: readonly Role[] = ['clinician', 'duty-clinician', 'clinical-lead'];
const PRIVACY_OFFICER: readonly Role[] = ['privacy-officer'];
/** Who works a social prescription: link workers, and the organisation's administrators. */
const LINK_WORKER_OR_ADMIN: readonly Role[] = ['link-worker', 'admin'];
/** Erasure is decided for the whole person, by a controller of their record (issue 15). */
const erasure: RelationshipPolicy['grants'] = { 'patient.erase': { roles: PRIVACY_OFFICER, view: 'full' } };
/** Retention is the records manager's duty for the whole person (issue 15 item 3); its answers hold dates, no clinical content. */
const retention: RelationshipPolicy['grants'] = { 'patient.retention': { roles: PRIVACY_OFFICER, view: 'full' } };
/** The subject access export is the controller's duty for the whole person (issue 15 item 4); never a clinician's read. */
const subjectAccess: RelationshipPolicy['grants'] = { 'patient.subject-access': { roles: PRIVACY_OFFICER, view: 'full' } };
/** The national data opt-out is a yes/no any organisation in the person's care may be told of (issue 15 item 5). */
const optOut: RelationshipPolicy['grants'] = { 'patient.national-data-opt-out': { roles: READERS, view: 'full' } };
/** The person's consents (to share, to be contacted) are recorded by whoever they tell in their care (issue 15 item 5). */
const consents: RelationshipPolicy['grants'] = { 'patient.consents': { roles: READERS, view: 'full' } };

/**
 * The access trail of a person in the organisation's care is reviewed by its privacy officer (`auditor`): any
 * relationship with the person as a whole counts, as the patient-wide check did (`CareRelationshipService.hasRelationship`).
 */
const oversight: RelationshipPolicy['grants'] = { 'patient.oversee': { roles: ['auditor'], view: 'full' } };

/** Who asks a consultation service about a person in their care (consultations' REQUESTER_ROLES; hazard H-CN1). */
const consultationRequest: RelationshipPolicy['grants'] = { 'consultation.request': { roles: ['clinician', 'referrer'], view: 'full' } };

const providerReads: RelationshipPolicy['grants'] = {
  'referral.read': { roles: READERS, view: 'full' },
  'episode.read': { roles: READERS, view: 'full' },
  'patient.episodes': { roles: READERS, view: 'full' },
  'patient.journey': { roles: READERS, view: 'full' },
  // The episode's clinical record in scheduling and outcomes (its appointments, scores, outcome), and the person's
  // records there as a whole, as the journey already shows them.
  'record.read': { roles: READERS, view: 'full' },
  'patient.records': { roles: READERS, view: 'full' },
};

export const ACCESS_POLICY: Readonly<Record<Exclude<RelationshipKind, 'none'>, RelationshipPolicy>> = {
  receiving: {
    startsWith: 'referrals.referral-received (receivingOrganisationId) or referrals.referral-referred-on (destinationOrganisationId); scoped to that referral',
    endsWhen: 'never for that referral (it is the receiving organisation’s record); it never extends to the rest of the person’s care',
    organisationTypes: DIRECT_CARE_ORGANISATION_TYPES,
    grants: {
      'referral.read': { roles: CLINICIAN_OR_ADMIN, view: 'full' },
      'referral.triage': { roles: CLINICIAN, view: 'full' },
      'referral.withdraw': { roles: CLINICIAN_OR_ADMIN, view: 'full', onlyBeforeTriage: true },
      'referral.complete': { roles: CLINICIAN_OR_ADMIN, view: 'full', onlyBeforeTriage: true },
      // Before or after triage: a provider's access to the person's other care waits on it (H-A1).
      'referral.verify-identity': { roles: CLINICIAN_OR_ADMIN, view: 'full' },
      ...erasure,
      ...retention,
      ...optOut,
      ...subjectAccess,
      ...consultationRequest,
      ...consents,
      ...oversight,
    },
  },
  referrer: {
    startsWith: 'referrals.referral-received (referrerOrganisationId: the verified caller’s organisation); scoped to that referral',
    endsWhen: 'never for that referral',
    // Voluntary-sector organisations refer too (source `voluntary-sector`); `@Visibility` cuts what they see of it.
    organisationTypes: [...DIRECT_CARE_ORGANISATION_TYPES, 'voluntary-sector'],
    grants: {
      'referral.read': { roles: READERS, view: 'full' },
      'referral.withdraw': { roles: READERS, view: 'full' },
      'referral.complete': { roles: READERS, view: 'full' },
      'episode.read': { roles: READERS, view: 'summary' },
      ...optOut,
      ...consultationRequest,
      ...consents,
      ...oversight,
    },
  },
  'provider-current': {
    startsWith:
      'referrals.referral-accepted / episode-opened (providingOrganisationId) or episode-step-changed (toOrganisationId); scoped to that episode',
    endsWhen: 'episode-step-changed away from it (fromOrganisationId) or episode-discharged: becomes provider-past',
    organisationTypes: DIRECT_CARE_ORGANISATION_TYPES,
    grants: {
      ...providerReads,
      'episode.administer': { roles: CLINICIAN_OR_ADMIN, view: 'full' },
      'episode.decide': { roles: CLINICIAN, view: 'full' },
      ...erasure,
      ...retention,
      ...optOut,
      ...subjectAccess,
      ...consultationRequest,
      ...consents,
      ...oversight,
    },
  },
  'provider-past': {
    startsWith: 'provider-current ended (step change away, discharge)',
    endsWhen: 'ACCESS_PROVIDER_RETENTION_DAYS (default 90) after it ended: becomes provider-expired',
    organisationTypes: DIRECT_CARE_ORGANISATION_TYPES,
    grants: { ...providerReads, ...erasure, ...retention, ...optOut, ...subjectAccess, ...consultationRequest, ...consents, ...oversight },
  },
  'provider-expired': {
    startsWith: 'provider-past after the retention period',
    endsWhen: 'never: the organisation keeps the existence, dates and provider of the episode it provided',
    organisationTypes: DIRECT_CARE_ORGANISATION_TYPES,
    grants: { 'episode.read': { roles: READERS, view: 'summary' }, ...retention, ...subjectAccess, ...oversight },
  },
  'provider-other-episode': {
    startsWith: 'the caller is provider-current or provider-past of another episode of the same patient',
    endsWhen: 'with that relationship',
    organisationTypes: DIRECT_CARE_ORGANISATION_TYPES,
    grants: {
      'referral.read': { roles: READERS, view: 'full', needsConsent: { withoutConsent: 'summary' } },
      'episode.read': { roles: READERS, view: 'full', needsConsent: { withoutConsent: 'summary' } },
      // Another episode's appointments, scores and alerts: content only, so nothing at all without consent.
      'record.read': { roles: READERS, view: 'full', needsConsent: { withoutConsent: null } },
    },
  },
  'voluntary-sector-prescription': {
    startsWith: 'a social prescription to the organisation (participant reason social-prescription-organisation); scoped to the episode',
    endsWhen: 'never for that episode’s summary',
    organisationTypes: ['voluntary-sector'],
    grants: {
      'episode.read': { roles: ['link-worker', 'admin'], view: 'summary' },
      'patient.episodes': { roles: ['link-worker', 'admin'], view: 'summary' },
      ...oversight,
    },
  },
  'record-holder': {
    startsWith:
      'the service’s own record names the organisation: an episode’s current provider in scheduling’s waiting list or outcomes’ episodes ' +
      '(from referrals.referral-accepted / episode-step-changed), an appointment’s, follow-up task’s or refill offer’s organisation, ' +
      'a directory listing’s owning organisation',
    endsWhen: 'a step change away (the episode’s provider changes in the read model); never for an appointment, task or offer',
    // A voluntary-sector organisation can run a diary and provide a step of a social prescription's care.
    organisationTypes: [...DIRECT_CARE_ORGANISATION_TYPES, 'voluntary-sector'],
    grants: {
      'episode.book': { roles: CLINICIAN_OR_ADMIN, view: 'full' },
      'episode.record-outcome': { roles: CLINICIAN, view: 'full' },
      'record.change': { roles: CLINICIAN_OR_ADMIN, view: 'full' },
      // Its own records stay readable as its records, whatever became of the episode (issue 10).
      'record.read': { roles: HOLDER_READERS, view: 'full' },
      'risk-alert.acknowledge': { roles: ALERT_ROLES, view: 'full' },
      // The directory names the organisation that owns a listing; its directory editors keep it up to date.
      'directory.edit': { roles: ['directory-editor'], view: 'full' },
      // A social prescription is held by its link worker's organisation (directory service, issue 17).
      'social-prescription.read': { roles: LINK_WORKER_OR_ADMIN, view: 'full' },
      'social-prescription.manage': { roles: ['link-worker'], view: 'full' },
      'social-prescription.record-progress': { roles: LINK_WORKER_OR_ADMIN, view: 'full' },
      // Gap watch (issue 18): a care-seeking thread is held by its referring organisation (the referrer of its first
      // refused referral), which follows it until care is accepted or closes it itself.
      'care-thread.read': { roles: READERS, view: 'full' },
      'care-thread.close': { roles: READERS, view: 'full' },
      // The organisation holds a record of the person here (the directory's link-worker organisation): its privacy
      // officer answers their subject access request for it (issue 15 item 4).
      ...subjectAccess,
    },
  },
  'patient-care': {
    startsWith: 'a patient-wide (unscoped) relationship row, e.g. scheduling’s and outcomes’ own record of an episode’s providing organisation',
    endsWhen: 'never (the row is kept)',
    // A voluntary-sector organisation can provide a step of the person's care (see record-holder).
    organisationTypes: [...DIRECT_CARE_ORGANISATION_TYPES, 'voluntary-sector'],
    // Of itself nothing of the person's record: only its privacy officer's oversight of the access trail.
    grants: { ...oversight },
  },
  'directory-administration': {
    startsWith: 'every listing of the community services directory (the directory service); no patient is involved',
    endsWhen: 'never (the role is what grants)',
    organisationTypes: [...DIRECT_CARE_ORGANISATION_TYPES, 'voluntary-sector', 'commissioner'],
    grants: { 'directory.edit': { roles: ['directory-admin'], view: 'full' } },
  },
  'unverified-self-referral': {
    startsWith:
      'a relationship resting on a self-referral whose person is not verified (referrals.referral-received with source self; the episode its acceptance ' +
      'opened and any later provider of it), seen from the person as a whole (towards their other referrals and episodes: none, 404)',
    endsWhen: 'referrals.patient-identity-verified (the receiving organisation recorded an identity verification): the relationship then counts in full',
    // Every organisation type a relationship row can be held by: it grants nothing to any of them.
    organisationTypes: [...DIRECT_CARE_ORGANISATION_TYPES, 'voluntary-sector'],
    grants: {},
  },
  'social-prescription-recipient': {
    startsWith: 'a social prescription’s direct referral to a service the organisation lists (directory service: CommunityReferralMade); scoped to that prescription',
    endsWhen: 'the organisation declines, or the 14-day reply window passes (auto-declined): it then sees nothing of the person',
    // Community services are mostly voluntary-sector; an NHS organisation may list one too (a practice's walking group).
    organisationTypes: [...DIRECT_CARE_ORGANISATION_TYPES, 'voluntary-sector'],
    grants: {
      'social-prescription.read': { roles: LINK_WORKER_OR_ADMIN, view: 'minimum-necessary' },
      'social-prescription.respond': { roles: LINK_WORKER_OR_ADMIN, view: 'minimum-necessary' },
      'social-prescription.record-progress': { roles: LINK_WORKER_OR_ADMIN, view: 'minimum-necessary' },
    },
  },
  'national-oversight': {
    startsWith: 'the caller holds the national-auditor role (`AccessLog.oversee` always offers this kind); no relationship row is involved',
    endsWhen: 'never (the role is what grants)',
    organisationTypes: ORGANISATION_TYPES,
    grants: { 'patient.oversee': { roles: ['national-auditor'], view: 'full' } },
  },
  // Gap watch (issue 18): the commissioner's view, aggregates only (counts under 5 suppressed by the service).
  commissioning: {
    startsWith: 'the caller’s organisation is a commissioner (organisation type); no patient and no relationship row are involved',
    endsWhen: 'never (the organisation type is what grants)',
    organisationTypes: ['commissioner'],
    grants: { 'metrics.gaps': { roles: ['ops', 'admin', 'clinician'], view: 'full' } },
  },
  // --- consultations (issue 16) ---
  'consultation-requester': {
    startsWith: 'consultations: the consultation’s own record names the organisation as the one that asked (ConsultationRequested, requestingOrganisationId: the verified caller’s organisation); scoped to that consultation',
    endsWhen: 'never for that consultation',
    organisationTypes: DIRECT_CARE_ORGANISATION_TYPES,
    grants: {
      'consultation.read': { roles: READERS, view: 'full' },
      'consultation.follow-up': { roles: READERS, view: 'full' },
      ...subjectAccess,
    },
  },
  consulting: {
    startsWith: 'consultations: the consultation’s own record names the organisation as the consultation service asked (consultationServiceId); scoped to that consultation and to what its request shared',
    endsWhen: 'never for that consultation (a redirect leaves it its record of what it was asked); it never extends to the rest of the person’s care',
    organisationTypes: DIRECT_CARE_ORGANISATION_TYPES,
    grants: {
      'consultation.read': { roles: CLINICIAN_OR_ADMIN, view: 'full' },
      'consultation.work': { roles: CLINICIAN_OR_ADMIN, view: 'full' },
      'consultation.answer': { roles: CLINICIAN, view: 'full' },
      ...subjectAccess,
    },
  },
  // --- end consultations ---
};

/**
 * Consent to share (issue 15 item 5): the relationship kinds that exist only because the person's information is
 * SHARED with an organisation that is not (or no longer) the one deciding on or giving their care — the referrer
 * kept informed of what became of its referral, a past provider after it handed over or discharged, the provider of
 * another episode, a voluntary-sector organisation a social prescription told. While the person has withdrawn
 * consent to share with the caller's organisation (by its ODS code, or by its organisation type unless the
 * organisation's own entry says otherwise), these kinds are dropped for it (`withoutWithdrawnSharing`): with no other
 * relationship the person is unknown to it (404). The sharing basis is the common law duty of confidentiality
 * (GMC, Confidentiality: good practice in handling patient information, 2017, paras 27–31: information is shared for
 * direct care on implied consent unless the patient has objected), not UK GDPR consent. Not affected, because they do not rest on sharing:
 * `receiving` (the organisation the person was referred to must still decide on the referral; withdrawing the
 * referral is its own action), `provider-current` (the organisation actively treating), `provider-expired` (the
 * existence and dates of its own past episode), `record-holder` (its own records), the consultation and social
 * prescription kinds (decided by their own services' records), and break-glass (emergency, vital interests). A consent
 * given never creates a relationship: it only lifts a withdrawal.
 */
export const SHARING_CONSENT_KINDS: readonly RelationshipKind[] = ['referrer', 'provider-past', 'provider-other-episode', 'voluntary-sector-prescription'];

/**
 * Emergency access: read-only (a write carrying the header is refused by `BreakGlassReadOnlyGuard` before anything
 * is looked at), one patient, clinicians of direct-care organisations, with a reason (`BreakGlassService`).
 */
export const BREAK_GLASS_POLICY = {
  roles: CLINICIAN,
  organisationTypes: BREAK_GLASS_ORGANISATION_TYPES,
  actions: ['referral.read', 'episode.read', 'patient.episodes', 'patient.journey', 'record.read', 'patient.records'] as readonly AccessAction[],
  view: 'full' as AccessView,
};

/** Default days a provider keeps clinical access after its step ended (`ACCESS_PROVIDER_RETENTION_DAYS`). */
export const DEFAULT_PROVIDER_RETENTION_DAYS = 90;

/** Fields of a `summary` view: existence, dates and provider, never content. */
export const SUMMARY_FIELDS: Readonly<Record<'referral' | 'episode', readonly string[]>> = {
  referral: ['id', 'patientSubjectId', 'status', 'receivingOrganisation', 'referrerOrganisation', 'receivedAt'],
  episode: ['id', 'referralId', 'patientSubjectId', 'status', 'step', 'providingOrganisationId', 'openedAt', 'discharge'],
};

// ---- Transparency log (issue 19, @stepwell/transparency) ----------------------------------------------------------
/**
 * A service's transparency log (`/audit/log/…`): its signed tree heads, inclusion and consistency proofs and public
 * keys. It names no patient (hashes, global positions, sizes, event ids), so no relationship is involved: the role
 * decides, for either auditor role of any organisation type. Issuing a head on demand (`audit-log.issue-head`) signs
 * what the log already holds and changes no record.
 */
export const TRANSPARENCY_LOG_POLICY = {
  roles: ['auditor', 'national-auditor'] as readonly Role[],
  actions: ['audit-log.read', 'audit-log.issue-head'] as const,
  view: 'hashes, positions and signed heads; never event content',
};

/**
 * The fields a `minimum-necessary` view releases, by the route's resource: for a social prescription, what the
 * person agreed to share with the community organisation (issue 17 item 3) — who they are, how to contact them, what
 * the referral asks, the goals they chose to share, the safety notes the link worker passed on, and the referral's
 * own progress. Never diagnoses, scores, measures, therapy notes or the link worker's reason for referral.
 */
export const MINIMUM_NECESSARY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'social-prescription': ['id', 'status', 'person', 'referral', 'shared_goals', 'progress'],
};
