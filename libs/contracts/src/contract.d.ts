/**
 * An integration contract: the published shape of one event type at one version. The payload class carries
 * class-validator decorators and is the single source of truth for what may travel; the `Data` type parameter
 * is the matching interface, so producers get compile-time checks and consumers get typed handlers.
 */
export interface IntegrationContract<Data extends object = object> {
    /** `<producing service>.<event in kebab case, past tense>`, e.g. `referrals.referral-received`. */
    readonly type: string;
    readonly version: number;
    /** The producing service: the topic the event travels on is `stepwell.<producer>.events`. */
    readonly producer: string;
    readonly payload: new () => Data;
    /** One sentence saying what fact the event publishes. */
    readonly description: string;
}
/** The payload interface of a contract. */
export type ContractData<C> = C extends IntegrationContract<infer Data> ? Data : never;
export declare function defineContract<Data extends object>(contract: IntegrationContract<Data>): IntegrationContract<Data>;
export declare const contractKey: (type: string, version: number) => string;
