import { type ValidationOptions } from 'class-validator';
/**
 * The shared vocabulary of identifiers and instants: contracts, request DTOs and domains all check these here, so
 * that an ODS code or an instant means the same thing at every edge.
 */
/** An ODS organisation code as Stepwell uses it: 3 to 10 capital letters or digits (e.g. `RAA`, `A81001`). */
export declare const ODS_CODE: RegExp;
/** An opaque id chosen by a client or another service: 1 to 64 letters, digits, `-` and `_` (UUIDs fit). */
export declare const OPAQUE_ID: RegExp;
export declare function isOdsCode(value: unknown): value is string;
export declare function isOpaqueId(value: unknown): value is string;
/**
 * The one date parser (the API's input contract). Accepts only the calendar forms the API documents:
 * - `YYYY-MM-DD`, a real calendar day (no week dates `2026-W01`, ordinal dates, or `2026-02-30`);
 * - an RFC 3339 date-time with an offset (`2026-03-01T09:30:00Z`, `…+01:00`; seconds required, no lower-case `t`).
 * Years 1900–9999. Returns the instant in milliseconds since the epoch (a date: its UTC midnight), or undefined.
 */
export declare function parseStrictDate(value: unknown, form?: 'date' | 'date-time' | 'either'): number | undefined;
/** An instant: an RFC 3339 date-time with an offset, seconds required (`parseStrictDate(value, 'date-time')`). */
export declare function isInstant(value: unknown): value is string;
/** Validation decorator of every instant in the contracts: `isInstant`, else a failure naming the property. */
export declare function IsInstant(options?: ValidationOptions): PropertyDecorator;
