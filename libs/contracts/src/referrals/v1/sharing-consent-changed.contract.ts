import { IsBoolean, IsIn, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE } from '../../shared/identifiers';

/** How the person's consent (or its withdrawal) reached the organisation that recorded it. */
export const CONSENT_SOURCES = ['verbal', 'paper-form', 'electronic-form'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** Organisation types a person may give or withdraw consent to share with: those that can hold a care relationship. */
export const SHARING_ORGANISATION_TYPES = ['gp-practice', 'talking-therapies', 'psychotherapy-consultation', 'secondary-care', 'crisis-team', 'voluntary-sector'] as const;
export type SharingOrganisationType = (typeof SHARING_ORGANISATION_TYPES)[number];

/**
 * The person's consent to share their information with one organisation (ODS code) or one organisation type was
 * given or withdrawn (issue 15 item 5). Every service's relationship projection keeps the latest change: while it is
 * withdrawn, the organisation's relationships that rest on sharing (`SHARING_CONSENT_KINDS` of `@stepwell/access`)
 * grant nothing. The person is the envelope's patientSubjectId; nothing else about them travels.
 */
export interface SharingConsentChangedV1 {
  /** Exactly one of `organisationId` and `organisationType` is set. */
  organisationId: string | null;
  organisationType: SharingOrganisationType | null;
  consented: boolean;
  source: ConsentSource;
  /** ISO 8601: when the change was recorded (consumers keep the latest). */
  changedAt: string;
}

/** Exactly one of the organisation and the organisation type is named. */
const NamesOneParty = (): PropertyDecorator =>
  ValidateBy({
    name: 'namesOneParty',
    validator: {
      validate: (_value: unknown, args) => {
        const payload = args?.object as { organisationId?: unknown; organisationType?: unknown } | undefined;
        return (payload?.organisationId === null) !== (payload?.organisationType === null);
      },
      defaultMessage: () => 'exactly one of organisationId and organisationType must be set',
    },
  });

export class SharingConsentChangedV1Payload implements SharingConsentChangedV1 {
  // Checked when set, or when the type is not (then it is required).
  @ValidateIf((payload: SharingConsentChangedV1Payload, value) => value !== null || payload.organisationType === null)
  @Matches(ODS_CODE)
  organisationId!: string | null;

  @ValidateIf((payload: SharingConsentChangedV1Payload, value) => value !== null || payload.organisationId === null)
  @NamesOneParty()
  @IsIn(SHARING_ORGANISATION_TYPES)
  organisationType!: SharingOrganisationType | null;

  @IsBoolean() consented!: boolean;
  @IsIn(CONSENT_SOURCES) source!: ConsentSource;
  @IsInstant() changedAt!: string;
}

export const SharingConsentChangedV1Contract = defineContract<SharingConsentChangedV1>({
  type: 'referrals.sharing-consent-changed',
  version: 1,
  producer: 'referrals',
  payload: SharingConsentChangedV1Payload,
  description: 'The person gave or withdrew consent to share with an organisation or organisation type: sharing-based relationships follow it.',
});
