/** Organisation types of the registry (the access policy's vocabulary). */
export declare const REGISTRY_ORGANISATION_TYPES: readonly ["gp-practice", "talking-therapies", "psychotherapy-consultation", "secondary-care", "crisis-team", "voluntary-sector", "commissioner", "audit"];
export type RegistryOrganisationType = (typeof REGISTRY_ORGANISATION_TYPES)[number];
/** An organisation was added to the platform's registry, or its name or type changed. No patient data. */
export interface OrganisationRecordedV1 {
    /** ODS code. */
    code: string;
    name: string;
    organisationType: RegistryOrganisationType;
    change: 'registered' | 'changed';
    /** ISO 8601. */
    recordedAt: string;
}
export declare class OrganisationRecordedV1Payload implements OrganisationRecordedV1 {
    code: string;
    name: string;
    organisationType: RegistryOrganisationType;
    change: 'registered' | 'changed';
    recordedAt: string;
}
export declare const OrganisationRecordedV1Contract: import("../../contract").IntegrationContract<OrganisationRecordedV1>;
